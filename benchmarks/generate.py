"""Deterministic synthetic collections of agreements, for the benchmarks.

Writes, for each size N, one data file ``agreements-N.yaml`` and a directory
``agreements-N/`` holding the same records as one file per agreement
(``agreements/<id>.yaml``) beside a shared ``common.yaml`` with the sources,
signatories, people and areas. The data is valid: ``mou_tracker.load()``
accepts it, and ``python -m mou_tracker --data FILE validate`` reports it ok.

The shared records (about 30 sources, 200 signatories, 500 people, 40 areas)
depend only on the seed; the agreements on the seed and the size. Every
agreement has an English title and most a Vietnamese one with its
diacritics, 1-4 parties, 1-3 areas, 0-4 status events that follow the
lifecycle (docs/lifecycle.md) with dates of every precision (year, month,
day, closed, open and unknown-ended intervals), and some have disputed
claims, terms, targets, signers, witnesses and relations to earlier
agreements.

    python benchmarks/generate.py --out benchmarks/data --sizes 1000 10000 100000 250000
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

GENERATOR_VERSION = 1
"""Bumped whenever the output for a given seed and size changes."""

DEFAULT_SEED = 20_251_028
DEFAULT_OUT = Path(__file__).resolve().parent / "data"

Record = dict[str, Any]

# -- text ---------------------------------------------------------------------

_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"})


def ascii_fold(text: str) -> str:
    """The text without diacritics (``Nguyễn Đức`` → ``Nguyen Duc``), case kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLDS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """An id made of lowercase letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


class DateText(str):
    """A date or interval, written unquoted as curators write them (``2023-08-28``, ``2013``)."""

    __slots__ = ()


# -- YAML output --------------------------------------------------------------

try:
    _BaseDumper: type[Any] = yaml.CSafeDumper
    WITH_LIBYAML = True
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _BaseDumper = yaml.SafeDumper
    WITH_LIBYAML = False


class _Dumper(_BaseDumper):  # type: ignore[misc]
    """The safe dumper (libyaml's emitter when available), never with anchors."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_date(dumper: Any, value: DateText) -> yaml.ScalarNode:
    # Tagged as what a YAML 1.1 reader takes it for (int for 2013, timestamp
    # for 2023-08-28), so that the emitter writes it plain, without quotes;
    # mou_tracker reads a date from such a plain scalar.
    tag = dumper.resolve(yaml.ScalarNode, str(value), (True, False))
    node: yaml.ScalarNode = dumper.represent_scalar(tag, str(value))
    return node


_Dumper.add_representer(DateText, _represent_date)


def dump(value: object) -> str:
    """YAML text in the style of data/agreements.yaml: block mappings, flow lists of ids."""
    text: str = yaml.dump(
        value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None
    )
    return text


def _items(text: str) -> list[str]:
    """The items of a dumped top-level block sequence, each ``- ...`` with its lines."""
    starts = [m.start() for m in re.finditer(r"^- ", text, re.MULTILINE)]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


# -- the shared records -------------------------------------------------------

# (ISO code, name, Vietnamese name, capital)
STATES: tuple[tuple[str, str, str, str], ...] = (
    ("VN", "Viet Nam", "Việt Nam", "Hà Nội"),
    ("SG", "Singapore", "Xinh-ga-po", "Singapore"),
    ("JP", "Japan", "Nhật Bản", "Tokyo"),
    ("KR", "Republic of Korea", "Hàn Quốc", "Seoul"),
    ("CN", "China", "Trung Quốc", "Beijing"),
    ("LA", "Lao People's Democratic Republic", "Lào", "Vientiane"),
    ("KH", "Cambodia", "Campuchia", "Phnom Penh"),
    ("TH", "Thailand", "Thái Lan", "Bangkok"),
    ("MY", "Malaysia", "Ma-lai-xi-a", "Kuala Lumpur"),
    ("ID", "Indonesia", "In-đô-nê-xi-a", "Jakarta"),
    ("PH", "Philippines", "Phi-líp-pin", "Manila"),
    ("AU", "Australia", "Ô-xtrây-li-a", "Canberra"),
    ("IN", "India", "Ấn Độ", "New Delhi"),
    ("US", "United States", "Hoa Kỳ", "Washington, D.C."),
    ("FR", "France", "Pháp", "Paris"),
    ("DE", "Germany", "Đức", "Berlin"),
    ("GB", "United Kingdom", "Vương quốc Anh", "London"),
    ("MM", "Myanmar", "Mi-an-ma", "Nay Pyi Taw"),
    ("BN", "Brunei Darussalam", "Bru-nây", "Bandar Seri Begawan"),
    ("NZ", "New Zealand", "Niu Di-lân", "Wellington"),
    ("CA", "Canada", "Ca-na-đa", "Ottawa"),
    ("IT", "Italy", "I-ta-li-a", "Rome"),
    ("ES", "Spain", "Tây Ban Nha", "Madrid"),
    ("NL", "Netherlands", "Hà Lan", "The Hague"),
    ("BE", "Belgium", "Bỉ", "Brussels"),
    ("CH", "Switzerland", "Thụy Sĩ", "Bern"),
    ("AT", "Austria", "Áo", "Vienna"),
    ("SE", "Sweden", "Thụy Điển", "Stockholm"),
    ("NO", "Norway", "Na Uy", "Oslo"),  # 'NO' and 'no' must be quoted: YAML 1.1 reads them as false
    ("FI", "Finland", "Phần Lan", "Helsinki"),
    ("DK", "Denmark", "Đan Mạch", "Copenhagen"),
    ("PL", "Poland", "Ba Lan", "Warsaw"),
    ("CZ", "Czechia", "Séc", "Prague"),
    ("HU", "Hungary", "Hung-ga-ri", "Budapest"),
    ("RU", "Russian Federation", "Liên bang Nga", "Moscow"),
    ("CU", "Cuba", "Cu-ba", "Havana"),
    ("BR", "Brazil", "Bra-xin", "Brasília"),
    ("CL", "Chile", "Chi-lê", "Santiago"),
    ("MX", "Mexico", "Mê-hi-cô", "Mexico City"),
    ("AE", "United Arab Emirates", "Các Tiểu vương quốc Ả-rập Thống nhất", "Abu Dhabi"),
    ("SA", "Saudi Arabia", "Ả-rập Xê-út", "Riyadh"),
    ("TR", "Türkiye", "Thổ Nhĩ Kỳ", "Ankara"),
    ("EG", "Egypt", "Ai Cập", "Cairo"),
    ("ZA", "South Africa", "Nam Phi", "Pretoria"),
    ("MN", "Mongolia", "Mông Cổ", "Ulaanbaatar"),
)

# Viet Nam's ministries: (abbreviation, name, Vietnamese name)
VN_MINISTRIES: tuple[tuple[str, str, str], ...] = (
    ("mofa", "Ministry of Foreign Affairs", "Bộ Ngoại giao"),
    ("moit", "Ministry of Industry and Trade", "Bộ Công Thương"),
    ("mof", "Ministry of Finance", "Bộ Tài chính"),
    ("mond", "Ministry of National Defence", "Bộ Quốc phòng"),
    ("mps", "Ministry of Public Security", "Bộ Công an"),
    ("moet", "Ministry of Education and Training", "Bộ Giáo dục và Đào tạo"),
    ("moh", "Ministry of Health", "Bộ Y tế"),
    ("most", "Ministry of Science and Technology", "Bộ Khoa học và Công nghệ"),
    ("mic", "Ministry of Information and Communications", "Bộ Thông tin và Truyền thông"),
    ("mot", "Ministry of Transport", "Bộ Giao thông vận tải"),
    ("moc", "Ministry of Construction", "Bộ Xây dựng"),
    ("mard", "Ministry of Agriculture and Rural Development", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("monre", "Ministry of Natural Resources and Environment", "Bộ Tài nguyên và Môi trường"),
    ("molisa", "Ministry of Labour, Invalids and Social Affairs", "Bộ Lao động - Thương binh và Xã hội"),
    ("mocst", "Ministry of Culture, Sports and Tourism", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("moj", "Ministry of Justice", "Bộ Tư pháp"),
    ("mpi", "Ministry of Planning and Investment", "Bộ Kế hoạch và Đầu tư"),
    ("moha", "Ministry of Home Affairs", "Bộ Nội vụ"),
    ("mae", "Ministry of Agriculture and Environment", "Bộ Nông nghiệp và Môi trường"),
    ("sbv", "State Bank of Viet Nam", "Ngân hàng Nhà nước Việt Nam"),
)

# The mergers of 1 March 2025: (merged ministry, successor)
VN_MERGERS: tuple[tuple[str, str], ...] = (
    ("monre", "mae"),
    ("mard", "mae"),
    ("mic", "most"),
    ("mpi", "mof"),
    ("molisa", "moha"),
    ("mot", "moc"),
)

# Other states' ministries, by the same pattern: (abbreviation, name, Vietnamese name)
MINISTRIES: tuple[tuple[str, str, str], ...] = (
    ("mfa", "Ministry of Foreign Affairs", "Bộ Ngoại giao"),
    ("mti", "Ministry of Trade and Industry", "Bộ Thương mại và Công nghiệp"),
    ("mof", "Ministry of Finance", "Bộ Tài chính"),
    ("mod", "Ministry of Defence", "Bộ Quốc phòng"),
    ("moe", "Ministry of Education", "Bộ Giáo dục"),
    ("moh", "Ministry of Health", "Bộ Y tế"),
    ("energy", "Ministry of Energy", "Bộ Năng lượng"),
    ("env", "Ministry of the Environment", "Bộ Môi trường"),
    ("agri", "Ministry of Agriculture", "Bộ Nông nghiệp"),
    ("transport", "Ministry of Transport", "Bộ Giao thông"),
    ("digital", "Ministry of Digital Affairs", "Bộ Kỹ thuật số"),
    ("labour", "Ministry of Labour", "Bộ Lao động"),
    ("culture", "Ministry of Culture", "Bộ Văn hóa"),
)

# (id, name, Vietnamese name, kind, country, parent)
OTHER_BODIES: tuple[tuple[str, str, str, str, str | None, str | None], ...] = (
    ("cpv", "Communist Party of Viet Nam", "Đảng Cộng sản Việt Nam", "party", "VN", None),
    ("pap", "People's Action Party", "Đảng Nhân dân Hành động", "party", "SG", None),
    ("lprp", "Lao People's Revolutionary Party", "Đảng Nhân dân Cách mạng Lào", "party", "LA", None),
    ("cpc", "Communist Party of China", "Đảng Cộng sản Trung Quốc", "party", "CN", None),
    ("cpp", "Cambodian People's Party", "Đảng Nhân dân Campuchia", "party", "KH", None),
    ("pcc", "Communist Party of Cuba", "Đảng Cộng sản Cu-ba", "party", "CU", None),
    ("vn-gov", "Government of Viet Nam", "Chính phủ Việt Nam", "government", "VN", "vn"),
    ("sg-gov", "Government of Singapore", "Chính phủ Xinh-ga-po", "government", "SG", "sg"),
    ("jp-gov", "Government of Japan", "Chính phủ Nhật Bản", "government", "JP", "jp"),
    ("kr-gov", "Government of the Republic of Korea", "Chính phủ Hàn Quốc", "government", "KR", "kr"),
    ("vn-hcmc", "Ho Chi Minh City", "Thành phố Hồ Chí Minh", "local_government", "VN", "vn"),
    ("vn-hanoi", "Ha Noi", "Hà Nội", "local_government", "VN", "vn"),
    ("vn-danang", "Da Nang", "Đà Nẵng", "local_government", "VN", "vn"),
    ("vn-haiphong", "Hai Phong", "Hải Phòng", "local_government", "VN", "vn"),
    ("vn-cantho", "Can Tho", "Cần Thơ", "local_government", "VN", "vn"),
    ("vn-binhduong", "Binh Duong", "Bình Dương", "local_government", "VN", "vn"),
    ("vn-quangninh", "Quang Ninh", "Quảng Ninh", "local_government", "VN", "vn"),
    ("vn-hue", "Hue", "Huế", "local_government", "VN", "vn"),
    ("kr-busan", "Busan Metropolitan City", "Thành phố Busan", "local_government", "KR", "kr"),
    ("jp-osaka", "Osaka Prefecture", "Tỉnh Osaka", "local_government", "JP", "jp"),
    ("vn-vietrade", "Viet Nam Trade Promotion Agency", "Cục Xúc tiến thương mại", "agency", "VN", "vn-moit"),
    ("vn-fia", "Foreign Investment Agency", "Cục Đầu tư nước ngoài", "agency", "VN", "vn-mpi"),
    ("vn-vnsc", "Viet Nam National Space Center", "Trung tâm Vũ trụ Việt Nam", "agency", "VN", "vn"),
    ("jp-jica", "Japan International Cooperation Agency", "Cơ quan Hợp tác Quốc tế Nhật Bản", "agency", "JP", "jp"),
    ("kr-koica", "Korea International Cooperation Agency", "Cơ quan Hợp tác Quốc tế Hàn Quốc", "agency", "KR", "kr"),
    ("sg-esg", "Enterprise Singapore", "Cơ quan Doanh nghiệp Xinh-ga-po", "agency", "SG", "sg"),
    ("fr-afd", "Agence Française de Développement", "Cơ quan Phát triển Pháp", "agency", "FR", "fr"),
    ("de-giz", "Deutsche Gesellschaft für Internationale Zusammenarbeit", "Tổ chức GIZ", "agency", "DE", "de"),
    ("au-ausaid", "Australian Agency for International Development", "Cơ quan AusAID", "agency", "AU", "au"),
    ("asean", "Association of Southeast Asian Nations", "Hiệp hội các quốc gia Đông Nam Á", "i", None, None),
    ("un", "United Nations", "Liên hợp quốc", "i", None, None),
    ("undp", "United Nations Development Programme", "Chương trình Phát triển Liên hợp quốc", "i", None, "un"),
    ("unesco", "UNESCO", "Tổ chức Giáo dục, Khoa học và Văn hóa Liên hợp quốc", "i", None, "un"),
    ("wb", "World Bank", "Ngân hàng Thế giới", "i", None, None),
    ("adb", "Asian Development Bank", "Ngân hàng Phát triển châu Á", "i", None, None),
    ("eu", "European Union", "Liên minh châu Âu", "i", None, None),
    ("vcci", "Viet Nam Chamber of Commerce and Industry", "Liên đoàn Thương mại và Công nghiệp", "o", "VN", None),
)

# (id, name, Vietnamese name, parent)
AREAS: tuple[tuple[str, str, str, str | None], ...] = (
    ("politics", "Political relations", "Quan hệ chính trị", None),
    ("party-relations", "Party-to-party relations", "Quan hệ giữa các đảng", "politics"),
    ("diplomacy", "Diplomatic training", "Đào tạo ngoại giao", "politics"),
    ("parliament", "Parliamentary cooperation", "Hợp tác nghị viện", "politics"),
    ("economy", "Economy, trade and investment", "Kinh tế, thương mại và đầu tư", None),
    ("trade", "Trade", "Thương mại", "economy"),
    ("digital-trade", "Digital trade", "Thương mại số", "trade"),
    ("investment", "Investment", "Đầu tư", "economy"),
    ("industrial-parks", "Industrial parks", "Khu công nghiệp", "economy"),
    ("finance", "Finance", "Tài chính", "economy"),
    ("financial-innovation", "Financial innovation", "Đổi mới tài chính", "finance"),
    ("innovation", "Science, technology and innovation", "Khoa học, công nghệ và đổi mới sáng tạo", None),
    ("digital", "Digital transformation", "Chuyển đổi số", "innovation"),
    ("data", "Data and digital identity", "Dữ liệu và định danh điện tử", "digital"),
    ("cybersecurity", "Cybersecurity", "An ninh mạng", "digital"),
    ("semiconductors", "Semiconductors", "Bán dẫn", "innovation"),
    ("talent", "Innovation talent", "Nhân tài đổi mới sáng tạo", "innovation"),
    ("energy", "Energy", "Năng lượng", None),
    ("clean-energy", "Clean energy", "Năng lượng sạch", "energy"),
    ("hydrogen", "Green hydrogen", "Hydro xanh", "clean-energy"),
    ("offshore-wind", "Offshore wind", "Điện gió ngoài khơi", "clean-energy"),
    ("electricity-trade", "Electricity trade", "Thương mại điện", "energy"),
    ("environment", "Environment and climate", "Môi trường và khí hậu", None),
    ("carbon-credits", "Carbon credits", "Tín chỉ các-bon", "environment"),
    ("green-economy", "Green economy", "Kinh tế xanh", "environment"),
    ("climate-adaptation", "Climate adaptation", "Thích ứng với biến đổi khí hậu", "environment"),
    ("water", "Water resources", "Tài nguyên nước", "environment"),
    ("infrastructure", "Infrastructure and connectivity", "Hạ tầng và kết nối", None),
    ("transport", "Transport", "Giao thông vận tải", "infrastructure"),
    ("maritime", "Maritime transport", "Hàng hải", "transport"),
    ("aviation", "Civil aviation", "Hàng không dân dụng", "transport"),
    ("urban", "Urban development", "Phát triển đô thị", "infrastructure"),
    ("people", "People-to-people exchange", "Giao lưu nhân dân", None),
    ("education", "Education and training", "Giáo dục và đào tạo", "people"),
    ("skills-labour", "Skills and labour", "Kỹ năng và lao động", "people"),
    ("culture-tourism", "Culture and tourism", "Văn hóa và du lịch", "people"),
    ("health", "Health", "Y tế", "people"),
    ("security", "Defence and security", "Quốc phòng và an ninh", None),
    ("transnational-crime", "Transnational crime", "Tội phạm xuyên quốc gia", "security"),
    ("maritime-security", "Maritime security", "An ninh biển", "security"),
    ("agriculture", "Agriculture", "Nông nghiệp", None),
    ("fisheries", "Fisheries", "Thủy sản", "agriculture"),
    ("food-security", "Food security", "An ninh lương thực", "agriculture"),
)

# The topic of each area in titles: (English, Vietnamese)
TOPICS: dict[str, tuple[str, str]] = {
    "politics": ("Political Cooperation", "chính trị"),
    "party-relations": ("Party Exchanges", "giao lưu giữa các đảng"),
    "diplomacy": ("Diplomatic Training", "đào tạo cán bộ ngoại giao"),
    "parliament": ("Parliamentary Cooperation", "nghị viện"),
    "economy": ("Economic Cooperation", "kinh tế"),
    "trade": ("Trade Facilitation", "tạo thuận lợi thương mại"),
    "digital-trade": ("Digital Trade and E-commerce", "thương mại số và thương mại điện tử"),
    "investment": ("Investment Promotion and Protection", "xúc tiến và bảo hộ đầu tư"),
    "industrial-parks": ("Industrial Parks", "khu công nghiệp"),
    "finance": ("Financial Cooperation", "tài chính"),
    "financial-innovation": ("Financial Innovation", "đổi mới sáng tạo tài chính"),
    "innovation": ("Science, Technology and Innovation", "khoa học, công nghệ và đổi mới sáng tạo"),
    "digital": ("Digital Transformation", "chuyển đổi số"),
    "data": ("Data Connectivity and Digital Identity", "kết nối dữ liệu và định danh điện tử"),
    "cybersecurity": ("Cybersecurity", "an ninh mạng"),
    "semiconductors": ("the Semiconductor Industry", "công nghiệp bán dẫn"),
    "talent": ("Innovation Talent Exchange", "trao đổi nhân tài đổi mới sáng tạo"),
    "energy": ("Energy Cooperation", "năng lượng"),
    "clean-energy": ("Clean Energy and Energy Transition", "năng lượng sạch và chuyển đổi năng lượng"),
    "hydrogen": ("Green Hydrogen", "hydro xanh"),
    "offshore-wind": ("Offshore Wind Power", "điện gió ngoài khơi"),
    "electricity-trade": ("Cross-border Electricity Trade", "mua bán điện qua biên giới"),
    "environment": ("Environmental Protection", "bảo vệ môi trường"),
    "carbon-credits": (
        "Carbon Credits under Article 6 of the Paris Agreement",
        "tín chỉ các-bon theo Điều 6 Thỏa thuận Paris",
    ),
    "green-economy": ("the Green Economy", "kinh tế xanh"),
    "climate-adaptation": ("Climate Change Adaptation", "thích ứng với biến đổi khí hậu"),
    "water": ("Water Resources Management", "quản lý tài nguyên nước"),
    "infrastructure": ("Infrastructure Development", "phát triển hạ tầng"),
    "transport": ("Transport", "giao thông vận tải"),
    "maritime": ("Maritime Transport", "vận tải biển"),
    "aviation": ("Civil Aviation", "hàng không dân dụng"),
    "urban": ("Smart Urban Development", "phát triển đô thị thông minh"),
    "people": ("People-to-People Exchange", "giao lưu nhân dân"),
    "education": ("Education and Training", "giáo dục và đào tạo"),
    "skills-labour": ("Vocational Skills and Labour", "kỹ năng nghề và lao động"),
    "culture-tourism": ("Culture and Tourism", "văn hóa và du lịch"),
    "health": ("Health and Medical Sciences", "y tế và khoa học y học"),
    "security": ("Defence Cooperation", "quốc phòng"),
    "transnational-crime": ("Combating Transnational Crime", "phòng, chống tội phạm xuyên quốc gia"),
    "maritime-security": ("Maritime Security", "an ninh biển"),
    "agriculture": ("Agriculture", "nông nghiệp"),
    "fisheries": ("Fisheries and Aquaculture", "thủy sản và nuôi trồng thủy sản"),
    "food-security": ("Food Security and Rice Trade", "an ninh lương thực và thương mại gạo"),
}

# (slug, publisher, language, domain)
PUBLISHERS: tuple[tuple[str, str, str, str], ...] = (
    ("vna", "Viet Nam News Agency", "en", "vietnam.vnanet.vn"),
    ("vietnamplus", "VietnamPlus", "en", "en.vietnamplus.vn"),
    ("baochinhphu", "Báo Điện tử Chính phủ", "vi", "baochinhphu.vn"),
    ("nhandan", "Báo Nhân Dân", "vi", "nhandan.vn"),
    ("vov", "VOV.VN", "en", "english.vov.vn"),
    ("tuoitre", "Tuổi Trẻ", "vi", "tuoitre.vn"),
    ("vnexpress", "VnExpress", "vi", "vnexpress.net"),
    ("st", "The Straits Times", "en", "www.straitstimes.com"),
    ("cna", "CNA", "en", "www.channelnewsasia.com"),
    ("nikkei", "Nikkei Asia", "en", "asia.nikkei.com"),
    ("yonhap", "Yonhap News Agency", "en", "en.yna.co.kr"),
    ("bernama", "Bernama", "en", "www.bernama.com"),
    ("mofa-vn", "Bộ Ngoại giao Việt Nam", "vi", "mofa.gov.vn"),
    ("mfa-sg", "Ministry of Foreign Affairs of Singapore", "en", "www.mfa.gov.sg"),
    ("reuters", "Reuters", "en", "www.reuters.com"),
)

VI_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
VI_MIDDLE = ("Văn", "Thị", "Minh", "Hồng", "Đức", "Quốc", "Thanh", "Xuân", "Chí", "Mạnh", "Hữu", "Ngọc", "Thu")
VI_GIVEN = (
    "Chính", "Hùng", "Dũng", "Lâm", "Hà", "Thắng", "Phúc", "Diên", "Sơn", "Hải", "Long", "Trung", "Quân",
    "Thảo", "Lan", "Hương", "Mai", "Tâm", "Bình", "Cường", "Khoa", "Đạt", "Vinh", "Huy", "Phương", "Hạnh",
    "Yến", "Hiếu", "Nghĩa", "Thành", "Toàn", "Tiến", "Ánh", "Điệp",
)  # fmt: skip
OTHER_NAMES: tuple[tuple[tuple[str, ...], tuple[str, ...], bool], ...] = (
    # (family names, given names, family name first)
    (("Tan", "Lim", "Lee", "Ng", "Wong", "Teo", "Goh", "Chan", "Ong", "Koh"),
     ("See Leng", "Hsien Loong", "Kiat Wee", "Wei Ling", "Chee Hean", "Boon Wan", "Mei Ling", "Jun Jie"), True),
    (("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"),
     ("Hiroshi", "Takeshi", "Yuko", "Kenji", "Akiko", "Fumio", "Shigeru", "Yoshimasa"), False),
    (("Kim", "Park", "Choi", "Jung", "Kang", "Yoon"), ("Min-jun", "Seo-yeon", "Ji-ho", "Hyun-woo", "Yoon-seo"), True),
    (("Müller", "Dubois", "Johansen", "Smith", "García", "Rossi", "Nowak", "Novák", "Andersen", "Søndergaard"),
     ("Anna", "Thomas", "María", "John", "Sophie", "Lars", "Ingrid", "François", "Claire", "Elena"), False),
)  # fmt: skip

ROLES_STATE = ("Prime Minister", "Deputy Prime Minister", "President", "Minister of Foreign Affairs", "Ambassador")

# Transitions the generator takes, with weights (a subset of TRANSITIONS, favouring progress).
NEXT_STATUS: dict[str, tuple[tuple[str, int], ...]] = {
    "proposed": (("negotiating", 4), ("signed", 3), ("concluded", 1), ("in_effect", 1), ("abandoned", 1)),
    "negotiating": (("concluded", 2), ("signed", 5), ("in_effect", 1), ("abandoned", 1), ("negotiating", 1)),
    "concluded": (("signed", 6), ("in_effect", 1), ("abandoned", 1), ("concluded", 1)),
    "signed": (("in_effect", 6), ("signed", 1), ("completed", 1), ("expired", 1), ("terminated", 1)),
    "in_effect": (("in_effect", 2), ("completed", 2), ("expired", 2), ("terminated", 1), ("superseded", 1)),
}
FIRST_STATUS = (("signed", 50), ("in_effect", 20), ("negotiating", 15), ("proposed", 10), ("concluded", 5))

KINDS: tuple[tuple[str | None, str, int], ...] = (
    # (kind, id prefix, weight)
    ("mou", "mou", 35),
    ("agreement", "agr", 15),
    ("treaty", "treaty", 4),
    ("framework_agreement", "fa", 5),
    ("letter_of_intent", "loi", 8),
    ("exchange_of_letters", "eol", 4),
    ("programme", "prog", 8),
    ("joint_statement", "js", 6),
    ("partnership", "partnership", 3),
    ("diplomatic_relations", "dr", 1),
    ("commitment", "commitment", 5),
    ("proposal", "proposal", 5),
    (None, "doc", 1),
)
TITLES: dict[str | None, tuple[str, str]] = {
    "mou": ("Memorandum of Understanding on Cooperation in {t}", "Bản ghi nhớ về hợp tác trong lĩnh vực {v}"),
    "agreement": ("Agreement on Cooperation in {t}", "Hiệp định hợp tác về {v}"),
    "treaty": ("Treaty on {t}", "Hiệp ước về {v}"),
    "framework_agreement": ("Framework Agreement on {t}", "Hiệp định khung về {v}"),
    "letter_of_intent": ("Letter of Intent on {t}", "Ý định thư về {v}"),
    "exchange_of_letters": ("Exchange of Letters on {t}", "Công hàm trao đổi về {v}"),
    "programme": ("Programme of Cooperation in {t}", "Chương trình hợp tác về {v}"),
    "joint_statement": ("Joint Statement on {t}", "Tuyên bố chung về {v}"),
    "partnership": ("Partnership on {t}", "Quan hệ Đối tác về {v}"),
    "diplomatic_relations": ("Diplomatic Relations", "Quan hệ ngoại giao"),
    "commitment": ("Commitment on {t}", "Cam kết về {v}"),
    "proposal": ("Proposal for Cooperation in {t}", "Đề xuất hợp tác về {v}"),
    None: ("Cooperation Document on {t}", "Văn kiện hợp tác về {v}"),
}
RELATIONS = (("implements", 3), ("follows_up", 3), ("amends", 2), ("continues", 2), ("supersedes", 1))
RELATIONS_RARE = (("part_of", 1), ("establishes", 1))
NOTES = (
    "The text has not been published; the sources give its title and parties only.",
    "Signed on the sidelines of the ASEAN Summit.",
    "Reported by both sides; entry into force is not reported.",
    "Ký kết trong khuôn khổ chuyến thăm chính thức của Thủ tướng Chính phủ.",
    "Văn bản chưa được công bố; các nguồn chỉ nêu tên và các bên ký kết.",
    "The two sides agreed to review its implementation every two years.",
)
EVENT_NOTES = (
    "The source gives the month only.",
    '"signed in the presence of the two Prime Ministers"',
    "Entry into force on signature.",
    "Có hiệu lực kể từ ngày ký.",
    "Reported as operating; no date of adoption is given.",
    "The sources disagree on the day; see the claims.",
)
RENEWALS = (
    "renewed automatically for successive periods of five years unless either party gives notice",
    "may be extended by mutual written consent",
    "tự động gia hạn thêm ba năm nếu không bên nào thông báo chấm dứt",
)

_EPOCH = dt.date(1976, 1, 1).toordinal()
_LAST = dt.date(2026, 9, 30).toordinal()


class Pools:
    """The shared records, and what the agreements draw on."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"mou-tracker-pools-{seed}")
        self.sources: list[Record] = []
        self.signatories: list[Record] = []
        self.people: list[Record] = []
        self.areas: list[Record] = []
        self.vi_name: dict[str, str] = {}  # signatory id -> Vietnamese name used in titles
        self.en_name: dict[str, str] = {}  # signatory id -> English name used in titles
        self.country: dict[str, str | None] = {}
        self._make_sources(rng)
        self._make_signatories(rng)
        self._make_people(rng)
        self._make_areas(rng)
        self.source_ids = [s["id"] for s in self.sources]
        ids = [s["id"] for s in self.signatories]
        self.vn_side = [i for i in ids if self.country[i] == "VN"]
        self.foreign = [i for i in ids if self.country[i] != "VN"]
        # Partners weighted as real collections are: neighbours and large partners far more often.
        self.foreign_weights = [self._weight(i) for i in self.foreign]
        self.vn_weights = [6 if i == "vn" else 3 if i == "vn-gov" else 1 for i in self.vn_side]
        vi_people = [p["id"] for p in self.people if "vi" in p.get("names", {})]
        self.vi_people = vi_people
        self.other_people = [p["id"] for p in self.people if p["id"] not in set(vi_people)]
        self.area_ids = [a["id"] for a in self.areas]
        self.topic = TOPICS

    def _weight(self, ident: str) -> int:
        country = self.country[ident]
        rank = next((i for i, s in enumerate(STATES) if s[0] == country), len(STATES))
        base = 12 if rank < 5 else 6 if rank < 12 else 2
        return base * (3 if self.signatories_by_id[ident]["kind"] == "state" else 1)

    def _make_sources(self, rng: random.Random) -> None:
        seen: set[str] = set()
        while len(self.sources) < 30:
            slug_, publisher, language, domain = PUBLISHERS[len(self.sources) % len(PUBLISHERS)]
            day = dt.date.fromordinal(rng.randint(dt.date(2005, 1, 1).toordinal(), _LAST))
            ident = f"{slug_}-{day.isoformat()}"
            if ident in seen:
                continue
            seen.add(ident)
            state = rng.choice(STATES[1:12])
            count = rng.randint(2, 12)
            if language == "vi":
                title = f"Việt Nam và {state[2]} ký kết {count} văn kiện hợp tác"
            else:
                title = f"Viet Nam and {state[1]} sign {count} cooperation documents"
            source: Record = {"id": ident, "language": language}
            style = rng.random()
            if style < 0.7:
                source["title"] = title
            source["publisher"] = publisher
            if style < 0.85:
                source["url"] = f"https://{domain}/{slug(title)}-{rng.randint(10_000, 999_999)}.html"
            source["published"] = rng.choice(
                (DateText(day.isoformat()), DateText(day.isoformat()), DateText(f"{day.isoformat()}/.."), None)
            )
            if style >= 0.7 or rng.random() < 0.3:
                source["notes"] = f"Report of the talks in {state[3]} on {day.day} {day:%B} {day.year}."
            self.sources.append(source)

    def _add_body(
        self,
        *,
        ident: str,
        name: str,
        vi: str,
        kind: str,
        country: str | None,
        parent: str | None,
        rng: random.Random,
        title_en: str | None = None,
        title_vi: str | None = None,
    ) -> Record:
        body: Record = {"id": ident, "name": name}
        if rng.random() < 0.8:
            body["names"] = {"en": name, "vi": vi}
        body["kind"] = kind
        body["country"] = country
        if parent is not None:
            body["parent"] = parent
        if rng.random() < 0.4:
            body["sources"] = rng.sample([s["id"] for s in self.sources], rng.randint(1, 2))
        self.signatories.append(body)
        self.en_name[ident] = title_en or name
        self.vi_name[ident] = title_vi or vi
        self.country[ident] = country
        return body

    def _make_signatories(self, rng: random.Random) -> None:
        for code, name, vi, _capital in STATES:
            body = self._add_body(
                ident=code.lower(), name=name, vi=vi, kind="state", country=code, parent=None, rng=rng
            )
            if code == "VN":
                body["aliases"] = ["Vietnam", "Việt Nam", "Socialist Republic of Viet Nam"]
        merged = dict(VN_MERGERS)
        for abbr, name, vi in VN_MINISTRIES:
            kind = "agency" if abbr == "sbv" else "ministry"
            body = self._add_body(
                ident=f"vn-{abbr}",
                name=name,
                vi=vi,
                kind=kind,
                country="VN",
                parent="vn",
                rng=rng,
                title_en=f"the {name} of Viet Nam",
                title_vi=vi,
            )
            body["aliases"] = [abbr.upper()]
            if abbr in merged:
                body["history"] = [
                    {
                        "date": DateText("2025-03-01"),
                        "change": "merged_into",
                        "successor": f"vn-{merged[abbr]}",
                        "sources": [rng.choice(self.sources)["id"]],
                    }
                ]
            elif abbr == "mae":
                body["history"] = [
                    {"date": DateText("2025-03-01"), "change": "established", "sources": [self.sources[2]["id"]]}
                ]
        for rank, (code, state_name, state_vi, _capital) in enumerate(STATES[1:]):
            count = 3 if rank < 15 else 2
            for abbr, name, vi in rng.sample(MINISTRIES, count):
                body = self._add_body(
                    ident=f"{code.lower()}-{abbr}",
                    name=name,
                    vi=f"{vi} {state_vi}",
                    kind="ministry",
                    country=code,
                    parent=code.lower(),
                    rng=rng,
                    title_en=f"the {name} of {state_name}",
                )
                if rng.random() < 0.08:
                    year = rng.randint(1995, 2024)
                    body["history"] = [
                        {
                            "date": DateText(str(year)),
                            "change": "renamed",
                            "name": f"{name} and Innovation",
                            "sources": [rng.choice(self.sources)["id"]],
                        }
                    ]
        for ident, name, vi, short_kind, country, parent in OTHER_BODIES:
            kind = {"i": "international_organisation", "o": "organisation"}.get(short_kind, short_kind)
            body = self._add_body(ident=ident, name=name, vi=vi, kind=kind, country=country, parent=parent, rng=rng)
            if ident == "au-ausaid":
                body["history"] = [
                    {
                        "date": DateText("2013-09/2013-11-01"),
                        "change": "dissolved",
                        "sources": [self.sources[5]["id"]],
                        "note": "Integrated into the Department of Foreign Affairs and Trade.",
                    }
                ]
        self.signatories_by_id = {s["id"]: s for s in self.signatories}

    def _make_people(self, rng: random.Random) -> None:
        seen: set[str] = set()
        while len(self.people) < 500:
            vietnamese = len(self.people) % 5 < 3
            if vietnamese:
                name = f"{rng.choice(VI_FAMILY)} {rng.choice(VI_MIDDLE)} {rng.choice(VI_GIVEN)}"
            else:
                families, givens, family_first = rng.choice(OTHER_NAMES)
                family, given = rng.choice(families), rng.choice(givens)
                name = f"{family} {given}" if family_first else f"{given} {family}"
            ident = base = slug(name)
            number = 1
            while ident in seen:
                number += 1
                ident = f"{base}-{number}"
            seen.add(ident)
            person: Record = {"id": ident, "name": name}
            plain = ascii_fold(name)
            if vietnamese:
                person["names"] = {"en": plain, "vi": name}
            if plain != name:
                person["aliases"] = [plain]
            if rng.random() < 0.5:
                person["sources"] = [rng.choice(self.sources)["id"]]
            if rng.random() < 0.05:
                person["notes"] = f'Misspelt "{plain.replace(" ", "", 1)}" once in the source.'
            self.people.append(person)

    def _make_areas(self, rng: random.Random) -> None:
        for ident, name, vi, parent in AREAS:
            area: Record = {"id": ident, "name": name, "names": {"vi": vi}}
            if parent is not None:
                area["parent"] = parent
            if rng.random() < 0.3:
                area["description"] = f"Cooperation in {name.lower()}, with its programmes and exchanges."
            self.areas.append(area)

    def common(self) -> Record:
        return {
            "schema_version": 1,
            "sources": self.sources,
            "signatories": self.signatories,
            "people": self.people,
            "areas": self.areas,
        }


# -- agreements ---------------------------------------------------------------


def _weighted(rng: random.Random, choices: Sequence[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _day(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _at(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def render_date(rng: random.Random, ordinal: int) -> DateText:
    """A partial date or interval that contains the day ``ordinal``, at a random precision."""
    day = _day(ordinal)
    roll = rng.random()
    if roll < 0.50:
        return DateText(_at(day, "day"))
    if roll < 0.70:
        return DateText(_at(day, "month"))
    if roll < 0.85:
        return DateText(_at(day, "year"))
    if roll < 0.93:
        lo = _day(ordinal - rng.randint(0, 400))
        hi = _day(ordinal + rng.randint(1, 400))
        return DateText(f"{_at(lo, rng.choice(('day', 'month', 'year')))}/{_at(hi, rng.choice(('day', 'month')))}")
    if roll < 0.96:
        return DateText(f"../{_at(_day(ordinal + rng.randint(0, 200)), 'day')}")
    if roll < 0.99:
        return DateText(f"{_at(day, rng.choice(('day', 'month')))}/..")
    return DateText(f"{_at(day, 'year')}/")


class AgreementMaker:
    """Draws agreement records from the pools."""

    def __init__(self, pools: Pools, rng: random.Random) -> None:
        self.p = pools
        self.rng = rng
        self.kinds = [k for k, _, _ in KINDS]
        self.kind_weights = [w for _, _, w in KINDS]
        self.prefix = {k: prefix for k, prefix, _ in KINDS}

    def sources(self, low: int = 1, high: int = 2) -> list[str]:
        return self.rng.sample(self.p.source_ids, self.rng.randint(low, high))

    def parties(self) -> list[str]:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4), (5, 75, 12, 8))[0]
        parties: list[str] = []
        if rng.random() < 0.9:
            parties.append(rng.choices(self.p.vn_side, self.p.vn_weights)[0])
        while len(parties) < count:
            pick = rng.choices(self.p.foreign, self.p.foreign_weights)[0]
            if pick not in parties:
                parties.append(pick)
        return parties

    def titles(self, kind: str | None, parties: list[str], area: str) -> tuple[str, str]:
        rng = self.rng
        en_t, vi_t = TITLES[kind]
        topic_en, topic_vi = self.p.topic[area]
        en = en_t.format(t=topic_en)
        vi = vi_t.format(v=topic_vi)
        names_en = [self.p.en_name[i] for i in parties]
        names_vi = [self.p.vi_name[i] for i in parties]
        if len(parties) == 1:
            en += f" of {names_en[0]}"
            vi += f" của {names_vi[0]}"
        elif len(parties) == 2:
            en += f" between {names_en[0]} and {names_en[1]}"
            vi += f" giữa {names_vi[0]} và {names_vi[1]}"
        else:
            en += f" among {', '.join(names_en[:-1])} and {names_en[-1]}"
            vi += f" giữa {', '.join(names_vi[:-1])} và {names_vi[-1]}"
        roll = rng.random()
        if roll < 0.12:
            start = rng.randint(2000, 2026)
            en += f" for {start}–{start + rng.randint(2, 5)}"
            vi += f" giai đoạn {start}–{start + 3}"
        elif roll < 0.18:
            en += f", Phase {rng.choice(('II', 'III', 'IV'))}"
            vi += f", giai đoạn {rng.choice(('II', 'III', 'IV'))}"
        return en, vi

    def history(self) -> tuple[list[Record], list[tuple[int, str]]]:
        """Status events following the lifecycle, and the (day, status) truth behind them."""
        rng = self.rng
        count = rng.choices((0, 1, 2, 3, 4), (10, 35, 30, 15, 10))[0]
        if not count:
            return [], []
        status = _weighted(rng, FIRST_STATUS)
        # Skewed to recent decades, as real collections are.
        ordinal = int(rng.triangular(_EPOCH, _LAST, _LAST - 2000))
        truth = [(ordinal, status)]
        while len(truth) < count and status in NEXT_STATUS:
            status = _weighted(rng, NEXT_STATUS[status])
            ordinal += rng.randint(20, 1500)
            truth.append((ordinal, status))
        events: list[Record] = []
        for day, state in truth:
            event: Record = {}
            if rng.random() < 0.03:
                other = _day(day + rng.randint(-60, 60))
                event["date"] = [
                    {
                        "value": render_date(rng, day),
                        "sources": self.sources(1, 1),
                        "preferred": True,
                        "note": "The official announcement; the other report dates the ceremony, not the signing.",
                    },
                    {"value": DateText(other.isoformat()), "sources": self.sources(1, 1)},
                ]
            else:
                event["date"] = render_date(rng, day)
            if rng.random() < 0.02:
                alternative = rng.choice([s for s in ("signed", "in_effect", "concluded") if s != state])
                event["status"] = [
                    {
                        "value": state,
                        "sources": self.sources(1, 1),
                        "preferred": True,
                        "note": "The later report, consistent with the others.",
                    },
                    {"value": alternative, "sources": self.sources(1, 1)},
                ]
            else:
                event["status"] = state
            event["sources"] = self.sources()
            if rng.random() < 0.15:
                event["note"] = rng.choice(EVENT_NOTES)
            events.append(event)
        return events, truth

    def participants(self, bodies: list[str], *, witnesses: bool) -> list[Record]:
        rng = self.rng
        out: list[Record] = []
        for body in bodies:
            # A witness acts for the body above the party (its state, for a ministry), or the party itself.
            parent = self.p.signatories_by_id[body].get("parent")
            acting = parent if witnesses and parent is not None else body
            pool = self.p.vi_people if self.p.country[body] == "VN" else self.p.other_people
            kind = self.p.signatories_by_id[body]["kind"]
            name = self.p.signatories_by_id[body]["name"]
            if witnesses or kind in ("state", "government"):
                role = f"{rng.choice(ROLES_STATE)} of {self.p.signatories_by_id[acting]['name']}"
            elif name.startswith("Ministry of "):
                role = "Minister of " + name.removeprefix("Ministry of ")
            else:
                role = f"Head of the {name}"
            out.append(
                {
                    "person": rng.choice(pool),
                    "role": role if rng.random() < 0.9 else None,
                    "acting_for": acting,
                    "sources": self.sources(1, 1),
                }
            )
        return out

    def make(self, index: int) -> Record:
        rng = self.rng
        kind = rng.choices(self.kinds, self.kind_weights)[0]
        ident = f"{self.prefix[kind]}-{index:06d}"
        parties = self.parties()
        areas = rng.sample(self.p.area_ids, rng.choices((1, 2, 3), (50, 35, 15))[0])
        title, title_vi = self.titles(kind, parties, areas[0])
        record: Record = {"id": ident}
        if rng.random() < 0.02:
            record["title"] = [
                {
                    "value": title,
                    "sources": self.sources(1, 1),
                    "preferred": True,
                    "note": "The title in the signed text, as the official report gives it.",
                },
                {"value": title.replace("Cooperation", "Collaboration"), "sources": self.sources(1, 1)},
            ]
        else:
            record["title"] = title
        if rng.random() < 0.85:
            record["titles"] = {"vi": title_vi}
        if rng.random() < 0.05:
            record["short"] = "".join(w[0] for w in title.split() if w[0].isupper())[:8] + f"-{index % 100}"
        if rng.random() < 0.1:
            record["aliases"] = [f"{self.p.topic[areas[0]][0]} {'MoU' if kind == 'mou' else 'document'}"]
        record["kind"] = kind
        binding_roll = rng.random()
        if kind in ("treaty", "agreement"):
            record["binding"] = True if binding_roll < 0.7 else None
        elif binding_roll < 0.5:
            record["binding"] = False
        record["parties"] = parties
        events, truth = self.history()
        statuses = [s for _, s in truth]
        if "signed" in statuses and rng.random() < 0.5:
            record["signed_by"] = self.participants(parties[:2], witnesses=False)
        if rng.random() < 0.15:
            record["witnesses"] = self.participants(parties[:2], witnesses=True)
        if rng.random() < 0.4:
            country = self.p.country[parties[-1]] or "VN"
            record["place"] = next(s[3] for s in STATES if s[0] == country)
        record["areas"] = areas
        record["sources"] = self.sources(1, 3)
        if events:
            record["history"] = events
        running = [day for day, s in truth if s in ("signed", "in_effect")]
        if running and rng.random() < 0.2:
            record["term"] = self.term(running[0])
        if index > 1 and rng.random() < 0.3:
            record["relations"] = self.relations(index)
        if rng.random() < 0.05:
            record["targets"] = [
                {
                    "status": rng.choice(("signed", "in_effect", "completed")),
                    "description": rng.choice(("Signing at the next Annual Leaders' Meeting", "Full implementation")),
                    "due": rng.choice((DateText(str(rng.randint(2024, 2030))), DateText("2026-06"), None)),
                    "sources": self.sources(1, 1),
                }
            ]
        if rng.random() < 0.25:
            record["notes"] = rng.choice(NOTES)
        return record

    def term(self, first_day: int) -> Record:
        rng = self.rng
        start = _day(first_day)
        years = rng.randint(1, 10)
        end_year = start.year + years
        term: Record = {}
        if rng.random() < 0.8:
            term["start"] = DateText(_at(start, rng.choice(("year", "day"))))
        roll = rng.random()
        if roll < 0.6:
            term["end"] = DateText(str(end_year))
        elif roll < 0.85:
            term["end"] = DateText(start.replace(year=end_year, day=min(start.day, 28)).isoformat())
        else:
            term["end"] = DateText(f"{end_year}/{end_year + 1}")
        if rng.random() < 0.3:
            term["renewal"] = rng.choice(RENEWALS)
        if rng.random() < 0.1:
            term["notice_by"] = DateText(f"{end_year - 1}-{rng.randint(1, 12):02d}")
        term["sources"] = self.sources(1, 1)
        return term

    def relations(self, index: int) -> list[Record]:
        rng = self.rng
        targets: list[int] = []
        for _ in range(rng.choices((1, 2), (80, 20))[0]):
            target = index - rng.randint(1, min(index - 1, 3000))
            if target not in targets:
                targets.append(target)
        out: list[Record] = []
        for target in targets:
            kind = _weighted(rng, RELATIONS if rng.random() < 0.95 else RELATIONS_RARE)
            relation: Record = {"type": kind, "target": self.ids[target], "sources": self.sources(1, 1)}
            if rng.random() < 0.1:
                relation["note"] = "Named in the later instrument's preamble."
            out.append(relation)
        return out

    ids: list[str]

    def make_all(self, size: int) -> list[Record]:
        self.ids = [""]
        records: list[Record] = []
        for index in range(1, size + 1):
            record = self.make(index)
            self.ids.append(record["id"])
            records.append(record)
        return records


# -- writing ------------------------------------------------------------------


def paths(out: Path, size: int) -> tuple[Path, Path]:
    """The one-file and the directory form of the collection of ``size`` agreements."""
    return out / f"agreements-{size}.yaml", out / f"agreements-{size}"


def manifest(out: Path, size: int) -> Path:
    return out / f".agreements-{size}.json"


def is_current(out: Path, size: int, seed: int) -> bool:
    """Whether the collection of ``size`` was written by this generator with ``seed``."""
    try:
        stamp = json.loads(manifest(out, size).read_text())
    except (OSError, ValueError):
        return False
    return bool(stamp == {"generator": GENERATOR_VERSION, "seed": seed, "size": size})


HEADER = (
    "# A synthetic collection written by benchmarks/generate.py (seed {seed}, {size} agreements).\n"
    "# Not real data: every record is drawn at random from the pools in the generator.\n"
)


def generate(out: Path, size: int, seed: int = DEFAULT_SEED, *, directory: bool = True) -> dict[str, float]:
    """Write both forms of the collection of ``size`` agreements; return timings in seconds."""
    # Millions of small containers and nodes, none of them cyclic: the cyclic
    # garbage collector would only walk them again and again (twice the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(out, size, seed, directory=directory)
    finally:
        if enabled:
            gc.enable()


def _generate(out: Path, size: int, seed: int, *, directory: bool) -> dict[str, float]:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    pools = Pools(seed)
    maker = AgreementMaker(pools, random.Random(f"mou-tracker-agreements-{seed}-{size}"))
    records = maker.make_all(size)
    timings["draw"] = time.perf_counter() - started

    started = time.perf_counter()
    common = dump(pools.common())
    items = [item for start in range(0, size, 1000) for item in _items(dump(records[start : start + 1000]))]
    assert len(items) == size, (len(items), size)
    timings["dump"] = time.perf_counter() - started

    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    manifest(out, size).unlink(missing_ok=True)
    file, folder = paths(out, size)
    header = HEADER.format(seed=seed, size=size)
    with open(file, "w", encoding="utf-8") as handle:
        handle.write(header)
        handle.write(common)
        handle.write("agreements:\n")
        handle.writelines(items)
    if folder.exists():
        shutil.rmtree(folder)
    if directory:
        (folder / "agreements").mkdir(parents=True)
        (folder / "common.yaml").write_text(header + common, encoding="utf-8")
        for record, item in zip(records, items, strict=True):
            text = f"schema_version: 1\nagreements:\n{item}"
            (folder / "agreements" / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
    manifest(out, size).write_text(json.dumps({"generator": GENERATOR_VERSION, "seed": seed, "size": size}))
    timings["write"] = time.perf_counter() - started
    return timings


def _scalar_text(value: object) -> object:
    """Plain data as YAML's base loader reads it back: every scalar as its text."""
    if isinstance(value, dict):
        return {k: _scalar_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scalar_text(v) for v in value]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def check(out: Path, size: int, seed: int = DEFAULT_SEED) -> list[str]:
    """Problems with the written collection: a text that does not round-trip, or data mou_tracker refuses."""
    problems: list[str] = []
    pools = Pools(seed)
    records = AgreementMaker(pools, random.Random(f"mou-tracker-agreements-{seed}-{size}")).make_all(size)
    file, folder = paths(out, size)
    loader: type[Any] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    read = yaml.load(file.read_text(encoding="utf-8"), Loader=loader)
    expected = _scalar_text({**pools.common(), "agreements": records})
    if read != expected:
        problems.append(f"{file}: the YAML text does not read back as the data written")
    import mou_tracker

    for target in (file, folder) if folder.exists() else (file,):
        try:
            loaded = mou_tracker.load(target)
        except mou_tracker.DataError as exc:
            problems.extend(str(p) for p in exc.problems[:20])
            continue
        if len(loaded.agreements) != size:
            problems.append(f"{target}: {len(loaded.agreements)} agreements, expected {size}")
    return problems


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default: {DEFAULT_OUT})")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000, 250_000], metavar="N")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--no-directory", action="store_true", help="write only the one-file form")
    parser.add_argument(
        "--check", action="store_true", help="read each collection back (YAML round trip, mou_tracker.load)"
    )
    args = parser.parse_args(None if argv is None else list(argv))
    status = 0
    for size in args.sizes:
        timings = generate(args.out, size, args.seed, directory=not args.no_directory)
        file, folder = paths(args.out, size)
        spent = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        written = "" if args.no_directory else f" and {folder}/"
        print(f"{file} ({file.stat().st_size / 1e6:.1f} MB){written}: {spent}")
        if args.check:
            problems = check(args.out, size, args.seed)
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"  check: {'ok' if not problems else f'{len(problems)} problems'}")
            status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
