"""Typed exceptions with stable numbered codes (the spaCy ``Errors`` idea).

Library code raises these; the CLI turns them into clean messages and exit codes at the
edge, and the ingest layer records them in the store's ``ingest_errors`` table so a bad
document never vanishes.
"""

from __future__ import annotations


class ParleyError(Exception):
    """Base class. ``code`` is stable across releases so users can grep and filter."""

    code = "E000"
    stage = "unknown"

    def __init__(self, message: str, *, detail: str = ""):
        super().__init__(f"[{self.code}] {message}")
        self.message = message
        self.detail = detail


class UsageError(ParleyError):
    code = "E001"
    stage = "usage"


class StoreError(ParleyError):
    code = "E002"
    stage = "store"


class StoreBusy(StoreError):
    """Another process holds the store's write lock for longer than ``--wait`` seconds."""

    code = "E005"
    stage = "store"


class ModelNotFound(ParleyError):
    code = "E003"
    stage = "nlp"


class GoldFormatError(ParleyError):
    code = "E004"
    stage = "eval"


class ActorsFileError(UsageError):
    """The user's actors YAML file (``--actors``) is unreadable or malformed."""

    code = "E160"
    stage = "nlp"


class PipelineError(ParleyError):
    """A spaCy pipeline put together wrongly: a component runs without what it reads."""

    code = "E161"
    stage = "nlp"


class MissingPipelineInput(PipelineError):
    """A component found no annotation it requires (entities, sentences): it was added
    before the component that sets them, or that component is missing."""

    code = "E162"
    stage = "nlp"


class RecordNotFound(UsageError):
    """No article, event, actor or incident with the id asked for."""

    code = "E030"
    stage = "query"


class InvalidPageToken(UsageError):
    """A ``next`` token that this listing did not hand out (edited, or from another listing)."""

    code = "E031"
    stage = "query"


class PageTooLarge(UsageError):
    """A page size or request body beyond the caps of the read layer and the server."""

    code = "E032"
    stage = "query"


class InvalidFilter(UsageError):
    """A filter value that is not one of the allowed values or not a valid date."""

    code = "E033"
    stage = "query"


# Ingest reasons: one class per specific failure so tests and users can tell them apart.
class IngestError(ParleyError):
    code = "E100"
    stage = "read"
    kind = "error"


class EmptyDocument(IngestError):
    code = "E101"
    stage = "read"


class BinaryContent(IngestError):
    code = "E102"
    stage = "decode"


class UndecodableText(IngestError):
    code = "E103"
    stage = "decode"


class TruncatedArchive(IngestError):
    code = "E104"
    stage = "read"


class MalformedXML(IngestError):
    code = "E105"
    stage = "parse"


class XMLEntityBomb(IngestError):
    code = "E106"
    stage = "parse"


class NoArticleText(IngestError):
    code = "E107"
    stage = "extract"


class TooLarge(IngestError):
    code = "E108"
    stage = "read"


class FetchTimeout(IngestError):
    code = "E109"
    stage = "fetch"


class PrivateAddress(IngestError):
    code = "E110"
    stage = "fetch"


class FetchFailed(IngestError):
    code = "E111"
    stage = "fetch"


class MalformedRecord(IngestError):
    code = "E112"
    stage = "parse"


class UnsupportedFormat(IngestError):
    code = "E113"
    stage = "read"


class NotFound(IngestError):
    code = "E114"
    stage = "read"


class MixedEncoding(IngestError):
    """Part of the bytes are UTF-8 and part are not: no single decoding is right."""

    code = "E115"
    stage = "decode"


class StoreWriteFailed(IngestError):
    """The store refused one document (the rest of its batch is stored)."""

    code = "E116"
    stage = "store"


class DocumentTimeout(IngestError):
    """Reading one document took longer than its wall-clock budget."""

    code = "E117"
    stage = "read"


class ProcessingFailed(IngestError):
    """An NLP or extraction stage raised on an article; the article stays stored."""

    code = "E120"
    stage = "nlp"


class AnalysisTruncated(IngestError):
    """A warning, not a failure: the article is stored whole, its analysis covers a prefix."""

    code = "W301"
    stage = "nlp"
    kind = "warning"


# Skips are not failures, but they are counted and recorded with their reason.
class Skipped(IngestError):
    code = "S200"
    kind = "skipped"


class SkippedLanguage(Skipped):
    code = "S201"
    stage = "language"


class SkippedNonHTML(Skipped):
    code = "S202"
    stage = "read"


class SkippedHTTPStatus(Skipped):
    code = "S203"
    stage = "read"


class SkippedRecordType(Skipped):
    code = "S204"
    stage = "read"


class SkippedHidden(Skipped):
    """A hidden file or folder (name starting with '.') inside an ingested folder."""

    code = "S205"
    stage = "read"


class SkippedLink(Skipped):
    """A symbolic link whose target lies outside the ingested folder (or loops)."""

    code = "S206"
    stage = "read"


class SkippedSpecialFile(Skipped):
    """A FIFO, socket or device inside an ingested folder: not a document."""

    code = "S207"
    stage = "read"


class SkippedUnreadable(Skipped):
    """A folder that cannot be listed (permissions)."""

    code = "S208"
    stage = "read"
