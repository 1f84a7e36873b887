"""A directory of data files loads as one dataset, each problem located in its own file."""

# The tests write ``expected == actual`` throughout, which SIM300 calls a Yoda condition.

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Any

import pytest

import mou_tracker
from mou_tracker import DataError, Dataset
from mou_tracker.loading import unstructure
from tests.running import run

COMMON = """\
schema_version: 1
sources:
  - id: s1
    language: en
    title: A source
signatories:
  - id: vn
    name: Viet Nam
    kind: state
    country: VN
  - id: sg
    name: Singapore
    kind: state
    country: SG
areas:
  - id: science
    name: Science
"""

ITX = """\
schema_version: 1
agreements:
  - id: itx
    title: Innovation Talent Exchange
    kind: mou
    parties: [vn, sg]
    areas: [science]
    sources: [s1]
"""

FOLLOW_UP = """\
schema_version: 1
agreements:
  - id: itx-2
    title: ITX follow-up
    kind: programme
    parties: [vn, sg]
    sources: [s1]
    relations:
      - type: follows_up
        target: itx
        sources: [s1]
"""


def write(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path to text) under ``root``; return ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    """The problems ``load`` reports for the directory, as printed; fails if it loads."""
    with pytest.raises(DataError) as info:
        mou_tracker.load(root)
    return [str(p) for p in info.value.problems]


class TestMerge:
    def test_split_bundled_dataset_loads_equal(self, tmp_path: Path) -> None:
        """The bundled dataset split into a common file and one file per agreement loads equal to the whole."""
        whole = mou_tracker.load()
        common = Dataset(sources=whole.sources, signatories=whole.signatories, people=whole.people, areas=whole.areas)
        files = {"common.yaml": mou_tracker.dumps(common)}
        for i, agreement in enumerate(whole.agreements):
            files[f"agreements/{i:03d}-{agreement.id}.yaml"] = mou_tracker.dumps(Dataset(agreements=(agreement,)))
        write(tmp_path, files)
        merged = mou_tracker.load(tmp_path)
        assert whole == merged
        assert unstructure(whole) == unstructure(merged)
        assert len(whole.agreements) == len(list((tmp_path / "agreements").iterdir())) > 1

    def test_cross_file_references(self, tmp_path: Path) -> None:
        """References resolve across files, and records keep the order of the files."""
        write(tmp_path, {"a.yaml": COMMON, "b/1-itx.yaml": ITX, "b/2-itx-2.yml": FOLLOW_UP})
        dataset = mou_tracker.load(tmp_path)
        assert ["itx", "itx-2"] == [a.id for a in dataset.agreements]
        assert ("vn", "sg") == dataset["itx-2"].parties
        assert "Singapore" == dataset.signatory(dataset["itx"].parties[1]).name
        assert "itx" == dataset["itx-2"].relations[0].target

    def test_sorted_order(self, tmp_path: Path) -> None:
        """Files are read in sorted path order, whatever order they were written in."""
        write(tmp_path, {"z.yaml": FOLLOW_UP, "m/itx.yaml": ITX, "a.yaml": COMMON})
        assert ["itx", "itx-2"] == [a.id for a in mou_tracker.load(tmp_path).agreements]

    def test_only_schema_version(self, tmp_path: Path) -> None:
        """Every list is optional in a file of a directory: a file with only schema_version adds nothing."""
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ITX, "c.yaml": "schema_version: 1\n"})
        dataset = mou_tracker.load(tmp_path)
        assert (["itx"], ["s1"]) == ([a.id for a in dataset.agreements], [s.id for s in dataset.sources])

    def test_yml_accepted(self, tmp_path: Path) -> None:
        """Files ending in .yml are read like .yaml ones."""
        write(tmp_path, {"common.yml": COMMON, "itx.yml": ITX})
        assert ["itx"] == [a.id for a in mou_tracker.load(tmp_path).agreements]

    @pytest.mark.parametrize("names", [("common.YAML", "itx.Yml"), ("common.Yaml", "itx.YML")])
    def test_endings_in_any_case_are_read(self, tmp_path: Path, names: tuple[str, str]) -> None:
        """.YAML, .Yml and the like are data files too: none is left out for its case."""
        write(tmp_path, dict(zip(names, (COMMON, ITX), strict=True)))
        assert ["itx"] == [a.id for a in mou_tracker.load(tmp_path).agreements]

    def test_hidden_files_ignored(self, tmp_path: Path) -> None:
        """Hidden files and everything in hidden directories are passed over, even when they are broken."""
        write(
            tmp_path,
            {
                "a.yaml": COMMON,
                "b.yaml": ITX,
                ".broken.yaml": "schema_version: [\n",
                ".git/c.yaml": FOLLOW_UP.replace("target: itx", "target: nowhere"),
            },
        )
        assert ["itx"] == [a.id for a in mou_tracker.load(tmp_path).agreements]

    def test_other_files_ignored(self, tmp_path: Path) -> None:
        """Files that are not .yaml or .yml are passed over."""
        write(
            tmp_path,
            {
                "a.yaml": COMMON,
                "b.yaml": ITX,
                "README.md": "# not data: [\n",
                "notes.txt": "schema_version: 2\n",
                "c.yaml.bak": "schema_version: [\n",
                "d.json": "{}",
            },
        )
        assert ["itx"] == [a.id for a in mou_tracker.load(tmp_path).agreements]


class TestProblems:
    def test_dangling_reference_in_second_file(self, tmp_path: Path) -> None:
        """An unknown id is located in the file that has it, at its path and line in that file."""
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ITX.replace("parties: [vn, sg]", "parties: [vn, sgp]")})
        assert [
            f"{tmp_path / 'b.yaml'}:6:19: $.agreements[0].parties[1]: unknown signatory id 'sgp'; did you mean 'sg'?"
        ] == problems(tmp_path)

    def test_positions_are_within_the_file(self, tmp_path: Path) -> None:
        """Paths count records within their own file, not within the whole."""
        second = FOLLOW_UP.replace("target: itx", "target: itx-3")
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ITX, "c.yaml": second})
        assert [
            f"{tmp_path / 'c.yaml'}:10:17: $.agreements[0].relations[0].target: "
            "unknown agreement id 'itx-3'; did you mean 'itx-2', 'itx'?"
        ] == problems(tmp_path)

    def test_duplicate_id_across_files(self, tmp_path: Path) -> None:
        """A duplicate id is reported at the second record, naming the first one's place in its file."""
        write(tmp_path, {"a.yaml": COMMON, "b/one.yaml": ITX, "b/two.yaml": ITX})
        first = tmp_path / "b" / "one.yaml"
        assert [
            f"{tmp_path / 'b' / 'two.yaml'}:3:9: $.agreements[0].id: "
            f"duplicate id 'itx'; first at $.agreements[0] in {first}:3:5"
        ] == problems(tmp_path)

    def test_duplicate_id_within_a_later_file(self, tmp_path: Path) -> None:
        """A duplicate within one file names the first by its path in that same file."""
        second = FOLLOW_UP + FOLLOW_UP.removeprefix("schema_version: 1\nagreements:\n")
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ITX, "c.yaml": second})
        assert [
            f"{tmp_path / 'c.yaml'}:12:9: $.agreements[1].id: duplicate id 'itx-2'; first at $.agreements[0]"
        ] == problems(tmp_path)

    def test_type_error_and_parse_error_in_two_files(self, tmp_path: Path) -> None:
        """One broken file does not hide the problems of another: both are reported, by file."""
        write(
            tmp_path,
            {
                "a.yaml": COMMON,
                "b.yaml": ITX.replace("kind: mou", "kind: [mou]"),
                "c.yaml": "schema_version: 1\nagreements: [\n",
            },
        )
        assert [
            f"{tmp_path / 'b.yaml'}:5:11: $.agreements[0].kind: expected one of treaty, agreement, "
            "framework_agreement, mou, letter_of_intent, exchange_of_letters, programme, joint_statement, "
            "partnership, diplomatic_relations, commitment, proposal; found a list",
            f"{tmp_path / 'c.yaml'}:3:1: $: YAML syntax error: while parsing a flow node "
            "did not find expected node content",
        ] == problems(tmp_path)

    def test_sorted_by_file_then_line(self, tmp_path: Path) -> None:
        """Problems of several files come by file, then by line and column within each."""
        write(
            tmp_path,
            {
                "a.yaml": COMMON.replace("country: SG", "country: XX"),
                "b.yaml": ITX.replace("parties: [vn, sg]", "parties: [vn, sq]").replace("[science]", "[sci]"),
            },
        )
        a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
        assert [
            f"{a}:14:14: $.signatories[1].country: expected an ISO 3166-1 alpha-2 country code "
            "such as 'VN' or 'SG', found 'XX'",
            f"{b}:6:19: $.agreements[0].parties[1]: unknown signatory id 'sq'",
            f"{b}:7:13: $.agreements[0].areas[0]: unknown area id 'sci'; did you mean 'science'?",
        ] == problems(tmp_path)

    def test_unbuilt_record_not_unknown_elsewhere(self, tmp_path: Path) -> None:
        """A record that cannot be built is reported once, in its file; references to it from others are not."""
        bad = COMMON.replace("kind: state\n    country: SG", "kind: country\n    country: SG")
        write(tmp_path, {"a.yaml": bad, "b.yaml": ITX, "c.yaml": FOLLOW_UP})
        assert [
            f"{tmp_path / 'a.yaml'}:13:11: $.signatories[1].kind: expected one of state, government, ministry, "
            "agency, party, local_government, organisation, international_organisation; found the text 'country'"
        ] == problems(tmp_path)

    def test_cycle_across_files(self, tmp_path: Path) -> None:
        """A cycle through records of two files is located in the file of the record it is reported at."""
        back = ITX + "    relations:\n      - type: continues\n        target: itx-2\n        sources: [s1]\n"
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": back, "c.yaml": FOLLOW_UP})
        assert [
            f"{tmp_path / 'b.yaml'}:10:7: $.agreements[0].relations: cycle in relations: itx → itx-2 → itx"
        ] == problems(tmp_path)

    def test_missing_schema_version(self, tmp_path: Path) -> None:
        """Each file needs its own schema_version."""
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ITX.removeprefix("schema_version: 1\n")})
        assert [f"{tmp_path / 'b.yaml'}:1:1: $: missing required key 'schema_version'"] == problems(tmp_path)

    def test_empty_directory(self, tmp_path: Path) -> None:
        """A directory with no data files is an error naming it."""
        write(tmp_path, {"README.md": "nothing here\n", ".hidden.yaml": COMMON})
        (tmp_path / "empty").mkdir()
        assert [f"{tmp_path}: $: no .yaml or .yml files found"] == problems(tmp_path)

    def test_empty_file_in_directory(self, tmp_path: Path) -> None:
        """An empty file in a directory is located like an empty file on its own."""
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ""})
        assert [
            f"{tmp_path / 'b.yaml'}:1:1: $: expected a mapping with schema_version, sources, signatories, "
            "people, areas and agreements; found an empty file"
        ] == problems(tmp_path)

    def test_max_bytes_applies_to_each_file(self, tmp_path: Path) -> None:
        """The size limit is per file: two files under it load, one over it is reported."""
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ITX})
        limit = max(len(COMMON), len(ITX))
        assert ["itx"] == [a.id for a in mou_tracker.load(tmp_path, max_bytes=limit).agreements]
        assert len(COMMON) > len(ITX)
        with pytest.raises(DataError) as info:
            mou_tracker.load(tmp_path, max_bytes=len(ITX))
        assert [
            f"{tmp_path / 'a.yaml'}: $: the file is larger ({len(COMMON):,} bytes or more) than the limit of "
            f"{len(ITX):,} bytes; split it into a directory of files, or pass a larger max_bytes to load() from Python"
        ] == [str(p) for p in info.value.problems]

    def test_unreadable_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file that cannot be read is a problem naming it; without its records the whole is not checked."""
        write(tmp_path, {"a.yaml": COMMON.replace("language: en", "language: english"), "b.yaml": ITX})
        unreadable = tmp_path / "b.yaml"
        real_open = open

        def refusing_open(file: object, *args: Any, **kwargs: Any) -> Any:
            if Path(str(file)) == unreadable:
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr("builtins.open", refusing_open)
        assert [f"{unreadable}: $: cannot read the file: Permission denied"] == problems(tmp_path)

    def test_unreadable_directory(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A subdirectory that cannot be read is a problem naming it, in order with the other files' problems."""
        write(
            tmp_path,
            {
                "a.yaml": COMMON.replace("language: en", "language: [en]"),
                "b/itx.yaml": ITX,
                "c.yaml": FOLLOW_UP,
            },
        )
        unreadable = tmp_path / "b"
        real_scandir = os.scandir

        def refusing_scandir(path: Any) -> Any:
            if Path(path) == unreadable:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refusing_scandir)
        assert [
            f"{tmp_path / 'a.yaml'}:4:15: $.sources[0].language: expected text, found a list",
            f"{unreadable}: $: cannot read the directory: Permission denied",
        ] == problems(tmp_path)


class TestCli:
    def test_validate_good_directory(self, tmp_path: Path) -> None:
        """validate DIR exits 0 with the summary of the whole."""
        write(tmp_path, {"a.yaml": COMMON, "b/itx.yaml": ITX, "b/itx-2.yaml": FOLLOW_UP})
        assert (
            0,
            f"{tmp_path}: ok (2 agreements, 2 signatories, 0 people, 1 area, 1 source)\n",
            "",
        ) == run("validate", str(tmp_path))

    def test_validate_bad_directory(self, tmp_path: Path) -> None:
        """validate DIR exits 2 with every problem located in its file on stderr, and no traceback."""
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ITX.replace("[vn, sg]", "[vn, sgp]")})
        assert (
            2,
            "",
            f"{tmp_path / 'b.yaml'}:6:19: $.agreements[0].parties[1]: unknown signatory id 'sgp'; "
            f"did you mean 'sg'?\n{tmp_path}: 1 problem\n",
        ) == run("validate", str(tmp_path))

    def test_status_of_directory(self, tmp_path: Path) -> None:
        """--data DIR prints the status table of the whole."""
        write(tmp_path, {"a.yaml": COMMON, "b/1-itx.yaml": ITX, "b/2-itx-2.yaml": FOLLOW_UP})
        code, out, err = run("--data", str(tmp_path), "--as-of", "2025-01-01", "status")
        assert (0, "") == (code, err)
        assert out.startswith("Status on 2025-01-01\n")
        rows = {line.split()[0]: line for line in out.splitlines()[1:] if line.strip()}
        assert "Innovation Talent Exchange" in rows["itx"]
        assert "ITX follow-up" in rows["itx-2"]

    def test_status_of_bad_directory(self, tmp_path: Path) -> None:
        """--data DIR with a broken file exits 2 with the located problem, and no traceback."""
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": "schema_version: 1\nagreements: {\n"})
        code, out, err = run("--data", str(tmp_path), "status")
        assert (2, "") == (code, out)
        assert [
            f"{tmp_path / 'b.yaml'}:3:1: $: YAML syntax error: while parsing a flow node "
            "did not find expected node content"
        ] == err.splitlines()


SECRET = "API_TOKEN=ghp_abc123def456ghi789jkl012mno345pqr678\n"


@pytest.mark.skipif(
    sys.platform == "win32", reason="symbolic links need a privilege, and pipes do not exist, on Windows"
)
class TestCandidates:
    def test_a_link_to_nothing_is_a_problem(self, tmp_path: Path) -> None:
        """A dangling *.yaml link is reported by name, not passed over: validate does not say ok with less."""
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ITX})
        (tmp_path / "c.yaml").symlink_to(tmp_path / "gone.yaml")
        (tmp_path / "d.YML").symlink_to("nowhere")
        assert [
            f"{tmp_path / 'c.yaml'}: $: cannot read the file: it is a symbolic link to nothing",
            f"{tmp_path / 'd.YML'}: $: cannot read the file: it is a symbolic link to nothing",
        ] == problems(tmp_path)

    def test_a_pipe_is_a_problem_and_not_opened(self, tmp_path: Path) -> None:
        """A FIFO named like a data file is reported, never opened (which would wait for a writer)."""
        write(tmp_path, {"a.yaml": COMMON, "b.yaml": ITX})
        os.mkfifo(tmp_path / "c.yaml")
        assert [
            f"{tmp_path / 'c.yaml'}: $: cannot read the file: it is not a regular file (a pipe, a socket or a device)"
        ] == problems(tmp_path)

    def test_a_link_to_a_file_inside_is_read(self, tmp_path: Path) -> None:
        """A link to a file in the directory, here in a hidden one, is followed: it stays inside."""
        data = write(tmp_path / "data", {"a.yaml": COMMON, ".shared/itx.txt": ITX})
        (data / "b.yaml").symlink_to(Path(".shared") / "itx.txt")
        assert ["itx"] == [a.id for a in mou_tracker.load(data).agreements]

    def test_a_link_to_a_directory_is_passed_over(self, tmp_path: Path) -> None:
        """A link to a directory is passed over, even one named like a data file."""
        data = write(tmp_path / "data", {"a.yaml": COMMON, "b.yaml": ITX})
        write(tmp_path / "elsewhere", {"c.yaml": FOLLOW_UP})
        (data / "more.yaml").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
        (data / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
        assert ["itx"] == [a.id for a in mou_tracker.load(data).agreements]

    @pytest.mark.parametrize("how", ["absolute", "relative", "through a link inside"])
    def test_a_link_out_of_the_directory_is_not_followed(self, tmp_path: Path, how: str) -> None:
        """A link leading out of the directory is a problem naming the link; what it leads to is never read or shown."""
        data = write(tmp_path / "data", {"a.yaml": COMMON, "b.yaml": ITX})
        secret = tmp_path / ".env"
        secret.write_text(SECRET, encoding="utf-8")
        link = data / "c.yaml"
        if how == "absolute":
            link.symlink_to(secret)
        elif how == "relative":
            link.symlink_to(Path("..") / ".env")
        else:
            (data / "hop.txt").symlink_to(secret)
            link.symlink_to("hop.txt")
        code, out, err = run("validate", str(data))
        assert (2, "") == (code, out)
        assert [
            f"{link}: $: not read: a symbolic link out of the directory is not followed; "
            "move the file into the directory, or load it on its own",
            f"{data}: 1 problem",
        ] == err.splitlines()

    def test_a_directory_given_through_a_link_keeps_its_inside_links(self, tmp_path: Path) -> None:
        """The directory is taken where its link leads: a link inside it to a file inside it is still inside."""
        data = write(tmp_path / "data", {"a.yaml": COMMON, "shared/itx.txt": ITX})
        (data / "b.yaml").symlink_to(data / "shared" / "itx.txt")
        (tmp_path / "alias").symlink_to(data, target_is_directory=True)
        assert ["itx"] == [a.id for a in mou_tracker.load(tmp_path / "alias").agreements]

    def test_a_file_named_directly_is_read_through_its_link(self, tmp_path: Path) -> None:
        """A data file given on its own is read wherever its link leads: whoever named it chose it."""
        write(tmp_path / "elsewhere", {"whole.yaml": COMMON + ITX.removeprefix("schema_version: 1\n")})
        (tmp_path / "data.yaml").symlink_to(tmp_path / "elsewhere" / "whole.yaml")
        assert ["itx"] == [a.id for a in mou_tracker.load(tmp_path / "data.yaml").agreements]

    def test_a_file_that_is_not_data_inside_is_not_quoted(self, tmp_path: Path) -> None:
        """A secret inside the directory, reached by a link, is reported as text: none of it is printed."""
        data = write(tmp_path / "data", {"a.yaml": COMMON, ".env": SECRET})
        (data / "b.yaml").symlink_to(".env")
        code, out, err = run("validate", str(data))
        assert (2, "") == (code, out)
        assert [
            f"{data / 'b.yaml'}:1:1: $: expected a mapping with schema_version, sources, signatories, people, areas "
            "and agreements; found text",
            f"{data}: 1 problem",
        ] == err.splitlines()
