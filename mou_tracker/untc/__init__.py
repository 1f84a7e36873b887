"""Import from the United Nations Treaty Collection: scraped status tables to curated YAML.

The Collection's *Multilateral Treaties Deposited with the Secretary-General*
gives each treaty a status table: a row per participant, a column per group
of actions, each date marked with the letter of its kind (``23 Jun 2003 a``
is an accession). The widely used scraped form of it is a directory of CSV
files, one per treaty, named ``<chapter>-<number>[-<sub>].csv``, with a
``Participant`` column and action columns whose headers name the kinds and
their letters (``"Ratification, Acceptance(A), Accession(a), Succession(d)"``),
and an ``index.csv`` naming each treaty's chapter, number, title (with the
place and date of the treaty) and address.

:func:`import_untc` reads such a directory and writes one YAML file per
treaty (its status page as its one source, and the treaty as a
``multilateral`` agreement with one action per dated cell) and
``participants.yaml`` (the signatories). :func:`convert` does the reading
alone and gives the files' texts; :func:`read_table` and :func:`write_table`
read and write one table in the scraped form.

Nothing is guessed. A participant is mapped to a signatory only by its
name: the UN's own names and former names in :data:`UN_NAMES`,
:data:`FORMER_NAMES` and :data:`ORGANISATIONS`, else the names of the
:mod:`iso3166` package, and only to a State of :data:`STATES`; a territory,
a former State or any other name is reported. A header, a cell or a letter
that cannot be read is reported too, each problem with its file, line and
column.

What a problem leaves out is as little as can be left out honestly. A
problem of the table itself (a header that names no kind the importer
knows, a quote that is never closed, an encoding that cannot be read, a
table that ``index.csv`` does not name) leaves the whole table out, since
no row of it can then be read with confidence. A problem of one row (its
participant maps to no signatory, or one of its cells cannot be read)
leaves that row out, whole, and only it: the Collection's real tables list
territories, organisations and States that no longer exist beside the
States, and leaving out every treaty with one such row would leave out
most treaties. The rows imported are each read from the table as it
stands, so what is written is true; what is missing is said where a reader
of the data meets it, in the treaty's ``notes`` ("Not imported: 2 rows of
the Collection's table (21-6.csv), so this participation is not complete"),
naming each row's line, participant and why, as well as in the problems
reported. Problems make the command line exit 2 even though the files were
written; ``strict`` writes nothing when there is any problem at all.

Writing never loses a curator's work. Each file begins with a stamp, a
comment holding the SHA-256 of the rest of the file as the import wrote
it. A file that is already what the import would write is not touched, so
importing the same tables twice gives byte-identical files, and leaves them
alone the second time. A file whose stamp still matches its text holds no
edit, and an import of newer tables replaces it. Any other file (a
curator's edit, or a file the import did not write) is left as it is, a
problem locating its first difference from what the import would write,
unless ``force``.

Each part of this has a module of its own: :mod:`.cells` (the kinds a
header names, and what a cell says), :mod:`.fields` (the CSV text, each
field located), :mod:`.tables` (a status table read and written),
:mod:`.index` (``index.csv``), :mod:`.names` (participants to signatories),
:mod:`.datafiles` (the data files as plain data), :mod:`.stamps` (the stamp
of a file an import wrote), :mod:`.conversion` (:func:`convert`) and
:mod:`.writing` (:func:`import_untc`). The public names are those of
``mou_tracker.untc`` itself, which is where to import them from.
"""

from __future__ import annotations

from .cells import KINDS, Cell, Column, Row, Table
from .conversion import Conversion, convert
from .datafiles import PARTICIPANTS_FILE, PUBLISHER
from .index import Treaty, read_index
from .names import FORMER_NAMES, ORGANISATIONS, STATES, UN_NAMES, Party, party
from .tables import read_table, write_table
from .writing import Imported, import_untc

__all__ = [
    "FORMER_NAMES",
    "KINDS",
    "ORGANISATIONS",
    "PARTICIPANTS_FILE",
    "PUBLISHER",
    "STATES",
    "UN_NAMES",
    "Cell",
    "Column",
    "Conversion",
    "Imported",
    "Party",
    "Row",
    "Table",
    "Treaty",
    "convert",
    "import_untc",
    "party",
    "read_index",
    "read_table",
    "write_table",
]
