"""The JSON Schema of the data format: shipped as generated, valid, and in agreement with the loader."""

from __future__ import annotations

import enum
import io
import json
import pathlib
import typing
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from jsonschema import Draft202012Validator

import mou_tracker
from mou_tracker import _yaml, cli, loading, model, schema
from mou_tracker.exceptions import DataError, Path
from mou_tracker.strategies import Broken, DefectKind, broken_datasets, datasets
from tests.budget import per_dataset

SCHEMA = schema.json_schema()
VALIDATOR = Draft202012Validator(SCHEMA)

RECORDS = [
    model.Source,
    model.Signatory,
    model.Change,
    model.Person,
    model.Participant,
    model.Area,
    model.StatusEvent,
    model.Term,
    model.Relation,
    model.Target,
    model.Agreement,
]

# The defects a schema can see: those of one value or one mapping, not of the whole.
SEEN_BY_THE_SCHEMA = [DefectKind.WRONG_TYPE, DefectKind.MISSPELLED_KEY]

VALID = """\
schema_version: 1
sources:
  - id: s1
    language: en
    title: A report
    url: https://example.org/report
    published: 2023
signatories:
  - id: vn
    name: Viet Nam
    kind: state
    country: VN
    names: {vi: Việt Nam}
people:
  - id: p1
    name: Tô Lâm
areas:
  - id: trade
    name: Trade
agreements:
  - id: a1
    title: An agreement
    kind: mou
    parties: [vn]
    areas: [trade]
    sources: [s1]
    signed_by:
      - person: p1
        acting_for: vn
        sources: [s1]
    history:
      - date: 2023-08-28
        status: signed
        sources: [s1]
    term:
      start: 2023-08-28
      end: 2028/..
      sources: [s1]
"""


def errors(instance: object) -> list[jsonschema.ValidationError]:
    """Every error the schema finds, with those inside anyOf branches."""

    def walk(found: Iterable[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
        for error in found:
            yield error
            yield from walk(error.context or ())

    return list(walk(VALIDATOR.iter_errors(instance)))


def paths(found: Iterable[jsonschema.ValidationError]) -> set[Path]:
    return {tuple(error.absolute_path) for error in found}


def plain(text: str) -> object:
    """The values of a YAML text as the loader reads them, before any model is built."""
    value, problems = _yaml.parse(text, "<test>")
    assert [] == problems
    return value


def schema_sees(broken: Broken) -> bool:
    """Whether the schema reports the defect at its path (a misspelled key at its mapping, as JSON Schema does)."""
    found = errors(broken.data)
    if broken.defect.kind is DefectKind.MISSPELLED_KEY:
        *where, key = broken.defect.path
        return any(
            tuple(e.absolute_path) == tuple(where) and e.validator == "additionalProperties" and repr(key) in e.message
            for e in found
        )
    return broken.defect.path in paths(found)


class TestShippedSchema:
    def test_shipped_file_is_the_generated_schema(self) -> None:
        """mou_tracker/schema.json is exactly what json_schema() generates, as the CLI prints it."""
        shipped = schema.SCHEMA_PATH.read_text(encoding="utf-8")
        assert schema.schema_text() == shipped, (
            "mou_tracker/schema.json is out of date; regenerate it with: mou-tracker schema > mou_tracker/schema.json"
        )

    def test_schema_path_is_in_the_package(self) -> None:
        """SCHEMA_PATH names the file beside the package's modules."""
        assert schema.SCHEMA_PATH.parent == pathlib.Path(mou_tracker.__file__).resolve().parent

    def test_is_a_valid_draft_2020_12_schema(self) -> None:
        """The schema passes the draft 2020-12 meta-schema."""
        Draft202012Validator.check_schema(SCHEMA)
        assert "https://json-schema.org/draft/2020-12/schema" == SCHEMA["$schema"]

    def test_has_a_stable_id_naming_the_version(self) -> None:
        """$id is a URL-like id that ends with the data format's version."""
        assert SCHEMA["$id"].startswith("https://")
        assert SCHEMA["$id"].endswith(f"/{loading.SCHEMA_VERSION}.json")


class TestFromTheModel:
    @pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
    def test_every_field_is_a_property(self, cls: type[Any]) -> None:
        """Each record's properties are its fields, in order; those without a default are required."""
        definition = SCHEMA["$defs"][cls.__name__]
        fields = attrs.fields(cls)
        assert [f.name for f in fields] == list(definition["properties"])
        assert [f.name for f in fields if f.default is attrs.NOTHING] == definition.get("required", [])
        assert definition["additionalProperties"] is False

    def test_the_file_has_every_collection(self) -> None:
        """The top level holds schema_version (required, the current version) and the five collections."""
        assert ["schema_version", *loading._RECORDS] == list(SCHEMA["properties"])
        assert ["schema_version"] == SCHEMA["required"]
        assert loading.SCHEMA_VERSION == SCHEMA["properties"]["schema_version"]["const"]

    @pytest.mark.parametrize(
        ("cls", "record", "field"),
        [
            (model.Status, "Target", "status"),
            (model.SignatoryKind, "Signatory", "kind"),
            (model.ChangeKind, "Change", "change"),
            (model.RelationType, "Relation", "type"),
        ],
        ids=["status", "signatory-kind", "change-kind", "relation-type"],
    )
    def test_enums_by_value(self, cls: type[enum.Enum], record: str, field: str) -> None:
        """An enum is text, one of its members' values."""
        prop = SCHEMA["$defs"][record]["properties"][field]
        assert ("string", [m.value for m in cls]) == (prop["type"], prop["enum"])

    def test_an_enum_that_may_be_unknown_takes_null(self) -> None:
        """An agreement's kind is one of the kinds' values or null, and is still required."""
        kind = SCHEMA["$defs"]["Agreement"]["properties"]["kind"]
        assert (["string", "null"], [*(k.value for k in model.AgreementKind), None]) == (kind["type"], kind["enum"])
        assert "kind" in SCHEMA["$defs"]["Agreement"]["required"]

    def test_every_property_has_a_title_and_description(self) -> None:
        """Every property anywhere in the schema has a title and a description, for editors to show."""

        def properties(node: object) -> Iterator[tuple[str, dict[str, Any]]]:
            if isinstance(node, dict):
                for name, value in (node.get("properties") or {}).items():
                    yield name, value
                for value in node.values():
                    yield from properties(value)
            elif isinstance(node, list):
                for value in node:
                    yield from properties(value)

        found = list(properties(SCHEMA))
        assert len(found) > 60
        for name, value in found:
            assert value.get("title") and value.get("description"), name

    def test_defaults_are_the_models(self) -> None:
        """A defaulted property shows the model's default as plain data."""
        agreement = SCHEMA["$defs"]["Agreement"]["properties"]
        assert ([], {}, None) == (
            agreement["parties"]["default"],
            agreement["titles"]["default"],
            agreement["term"]["default"],
        )

    def test_a_field_with_no_description_is_refused(self) -> None:
        """A model field that the schema has no description for stops the generation, naming it."""

        @attrs.frozen
        class Undescribed:
            """A record whose field is not described."""

            id: str

        with pytest.raises(KeyError, match=r"Undescribed\.id"):
            schema._Builder().record(Undescribed)

    def test_a_type_it_cannot_express_is_refused(self) -> None:
        """A type with no JSON Schema form is an error, not a silently open schema."""
        with pytest.raises(TypeError, match="no JSON Schema"):
            schema._Builder().value(float, None)

    def test_cross_record_references_are_said_to_be_the_loaders(self) -> None:
        """The descriptions of references say the loader, not the schema, checks what they name."""
        agreement = SCHEMA["$defs"]["Agreement"]["properties"]
        for name in ("parties", "areas", "sources"):
            assert "checked by the loader" in agreement[name]["description"], name


class TestAgreesWithTheLoader:
    def test_the_bundled_data_validates(self) -> None:
        """data/agreements.yaml, as read and as mou-tracker writes it, has no schema error."""
        text = mou_tracker.bundled_path().read_text(encoding="utf-8")
        assert [] == errors(plain(text))
        assert [] == errors(loading.unstructure(mou_tracker.load(cache=False)))

    def test_the_bundled_data_names_the_schema(self) -> None:
        """The bundled file's first line points editors at the shipped schema."""
        first = mou_tracker.bundled_path().read_text(encoding="utf-8").splitlines()[0]
        assert "# yaml-language-server: $schema=../mou_tracker/schema.json" == first

    def test_an_event_place_is_text_or_null(self) -> None:
        """A status event's place takes text or null, as the loader does, and nothing else."""
        document: dict[str, Any] = {
            "schema_version": 1,
            "sources": [{"id": "s1", "language": "en", "title": "A statement"}],
            "agreements": [
                {
                    "id": "a1",
                    "title": "A memorandum",
                    "kind": "mou",
                    "sources": ["s1"],
                    "history": [
                        {"date": "2025-10-28", "status": "concluded", "place": "Kuala Lumpur", "sources": ["s1"]}
                    ],
                }
            ],
        }
        assert [] == errors(document)
        event = document["agreements"][0]["history"][0]
        event["place"] = None
        assert [] == errors(document)
        event["place"] = 12
        assert {("agreements", 0, "history", 0, "place")} == paths(errors(document))

    @per_dataset
    @given(datasets())
    def test_every_valid_dataset_validates(self, dataset: mou_tracker.Dataset) -> None:
        """A dataset the loader accepts, as plain data, has no schema error."""
        assert [] == [f"{e.json_path}: {e.message}" for e in errors(loading.unstructure(dataset))]

    @per_dataset
    @given(broken_datasets(defects=SEEN_BY_THE_SCHEMA))
    def test_defects_of_one_value_are_rejected_by_both(self, broken: Broken) -> None:
        """A wrong type or a misspelled key is rejected by the schema, at the defect's path, and by the loader."""
        assert schema_sees(broken), f"{broken.defect} not among:\n" + "\n".join(
            f"{e.json_path}: {e.message}" for e in errors(broken.data)
        )
        with pytest.raises(DataError) as caught:
            mou_tracker.loads(broken.text)
        assert broken.defect.path in {p.path for p in caught.value.problems}

    def test_the_example_document_is_valid(self) -> None:
        """The document the invalid examples are made from passes both."""
        assert [] == errors(plain(VALID))
        assert 1 == len(mou_tracker.loads(VALID).agreements)

    @pytest.mark.parametrize(
        ("before", "after", "at"),
        [
            ("schema_version: 1", "schema_version: 2", ("schema_version",)),
            ("agreements:", "agreement:", ()),
            ("  - id: a1", "  - id: A1", ("agreements", 0, "id")),
            ("parties: [vn]", "parties: [Viet Nam]", ("agreements", 0, "parties", 0)),
            ("kind: mou", "kind: memorandum", ("agreements", 0, "kind")),
            ("status: signed", "status: in effect", ("agreements", 0, "history", 0, "status")),
            ("date: 2023-08-28", "date: 2023-13-28", ("agreements", 0, "history", 0, "date")),
            ("date: 2023-08-28", "date: 2023-8-28", ("agreements", 0, "history", 0, "date")),
            ("date: 2023-08-28", "date: 0000", ("agreements", 0, "history", 0, "date")),
            ("end: 2028/..", "end: ../..", ("agreements", 0, "term", "end")),
            ("published: 2023", "published: 20230", ("sources", 0, "published")),
            ("title: An agreement", "title: []", ("agreements", 0, "title")),
            ("title: An agreement", "title: '  '", ("agreements", 0, "title")),
            ("language: en", "language: English", ("sources", 0, "language")),
            ("language: en", "language: [en]", ("sources", 0, "language")),
            ("url: https://example.org/report", "url: ftp://example.org/report", ("sources", 0, "url")),
            ("country: VN", "country: Viet Nam", ("signatories", 0, "country")),
            ("names: {vi: Việt Nam}", "names: {Vietnamese: Việt Nam}", ("signatories", 0, "names")),
            ("names: {vi: Việt Nam}", "names: [Việt Nam]", ("signatories", 0, "names")),
            ("    name: Trade\n", "    name: Trade\n    parent: null\n    colour: blue\n", ("areas", 0)),
            ("    term:\n      start:", "    term:\n      begin:", ("agreements", 0, "term")),
            (
                "      - person: p1\n",
                "      - person: p1\n        role: true\n",
                ("agreements", 0, "signed_by", 0, "role"),
            ),
        ],
    )
    def test_hand_written_mistakes_are_rejected_by_both(self, before: str, after: str, at: Path) -> None:
        """Each mistake is refused by the loader and by the schema, and the schema reports it at the right path."""
        assert before in VALID
        text = VALID.replace(before, after, 1)
        found = errors(plain(text))
        assert at in paths(found), [f"{e.json_path}: {e.message}" for e in found]
        with pytest.raises(DataError):
            mou_tracker.loads(text)

    def test_what_only_the_whole_shows_is_left_to_the_loader(self) -> None:
        """A reference to no record passes the schema; the loader refuses it."""
        text = VALID.replace("parties: [vn]", "parties: [sg]")
        assert [] == errors(plain(text))
        with pytest.raises(DataError, match="unknown signatory id 'sg'"):
            mou_tracker.loads(text)


class TestTypesOfTheConverter:
    def test_dates_are_strings_or_a_bare_year(self) -> None:
        """A date property takes a string of the EDTF form or a year written as a number, 1 to 9999."""
        published = SCHEMA["$defs"]["Source"]["properties"]["published"]
        assert ["string", "integer", "null"] == published["type"]
        assert (1, 9999) == (published["minimum"], published["maximum"])

    def test_claimed_is_a_value_or_a_list_of_claims(self) -> None:
        """A claimed field takes the value itself or a non-empty list of claims of that value."""
        hints = typing.get_type_hints(model.StatusEvent)
        assert model.Claimed == typing.get_origin(hints["status"])
        status = SCHEMA["$defs"]["StatusEvent"]["properties"]["status"]
        value, claims = status["anyOf"]
        assert {"type": "string", "enum": [s.value for s in model.Status]} == value
        assert 1 == claims["minItems"]
        assert ["value"] == claims["items"]["required"]


class TestCommand:
    def test_prints_the_schema(self, tmp_path: pathlib.Path) -> None:
        """`mou-tracker schema` prints the schema as schema.json holds it, and reads no data (none need exist)."""
        out, err = io.StringIO(), io.StringIO()
        assert 0 == cli.main(["--data", str(tmp_path / "missing.yaml"), "schema"], out=out, err=err)
        assert (schema.schema_text(), "") == (out.getvalue(), err.getvalue())
        assert SCHEMA == json.loads(out.getvalue())

    def test_takes_no_options(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The command has no options of its own: an output option after it is a usage error."""
        assert 2 == cli.main(["schema", "--format", "json"])
        assert "unrecognized arguments: --format json" in capsys.readouterr().err
