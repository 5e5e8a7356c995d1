"""Python binding of sdsprofile through its C API (ctypes; no build step).

check() returns a plain dict, expand() a str, check_csv() a dict for a CSV upload folder; see
docs/embedding.md. `python -m sdsprofile check FILE...` prints what `sdsprofile check FILE...`
prints (__main__.py). The shared library is found, in this order, at $SDSPROFILE_LIBRARY (a path),
next to this file (libsdsprofile.so.0, as the wheel installs it), or by
ctypes.util.find_library("sdsprofile").

Thread safety: each thread uses its own checker (kept in a threading.local), so the functions may
be called from many threads at once.

Errors: one exception type for one kind of error.
- SdsprofileError: the base of the errors below; raised itself only for a misuse of the library
  that this module should have prevented (`status` is the C status).
- InvalidOptionError (SdsprofileError, ValueError): an argument's value is not accepted (a mode,
  a clock, a limit, an id, a policy code), found here or by the library; the message names it.
- InvalidProfileError (SdsprofileError, ValueError): expand() of a body that is not valid.
- TypeError: an argument of the wrong type. MemoryError: the library ran out of memory.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime
import os
import threading
from typing import Any, Dict, Iterable, List, Optional, Union

Body = Union[str, bytes, bytearray, memoryview]
"""A body: str (encoded as UTF-8) or bytes as sent."""
Codes = Union[None, str, Iterable[str]]
"""A policy list: None, one comma-separated str, or codes and prefixes."""
Now = Union[None, str, datetime.datetime, int]
"""The clock of the date rules: None (the system clock), RFC 3339, an aware datetime, Unix seconds."""
Diagnostic = Dict[str, Any]
"""One diagnostic: severity, code, path, line, column, offset, message, hint and fix (check())."""

__all__ = ["check", "expand", "apply_fixes", "check_csv", "CSV_FILES", "version", "SdsprofileError",
           "InvalidOptionError", "InvalidProfileError", "library_path"]

_SONAME = "libsdsprofile.so.0"

_MODES = {"create": 0, "update": 1, "resource": 2}
_SEVERITIES = {0: "error", 1: "warning"}
_CSV_PARTS = {0: "profile", 1: "folder", 2: "file"}

CSV_FILES = ("School.csv", "Section.csv", "Student.csv", "Teacher.csv", "StudentEnrollment.csv", "TeacherRoster.csv")
"""The six files of an upload folder, in catalogue order (docs/csv-rules.md)."""
_STATUS_OK = 0
_STATUS_INVALID_OPTION = 2
_STATUS_OUT_OF_MEMORY = 3


_POLICY_LISTS = ("select", "ignore", "warn", "error")  # sdsprofile_policy_list, in order


class SdsprofileError(Exception):
    """The base of this module's errors; `status` is the C status (0 when found before the call)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class InvalidOptionError(SdsprofileError, ValueError):
    """An argument's value is not accepted (mode, now, a limit, id, a policy code); the message names it."""

    def __init__(self, message: str, status: int = _STATUS_INVALID_OPTION) -> None:
        super().__init__(status, message)


class InvalidProfileError(SdsprofileError, ValueError):
    """expand() of an invalid body. `diagnostics` holds the check's diagnostics (as check())."""

    def __init__(self, diagnostics: List[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d["severity"] == "error"] or diagnostics
        first = errors[0] if errors else None
        summary = ("{line}:{column}: {message} [{code}]".format(**first) if first else "invalid")
        super().__init__(_STATUS_OK, "the profile is invalid ({} diagnostics); first: {}".format(
            len(diagnostics), summary))
        self.diagnostics = diagnostics


class _Options(ctypes.Structure):
    _fields_ = [
        ("mode", ctypes.c_int),
        ("strict", ctypes.c_int),
        ("has_now", ctypes.c_int),
        ("now_unix_seconds", ctypes.c_int64),
        ("max_bytes", ctypes.c_uint64),
        ("max_depth", ctypes.c_uint32),
        ("max_diagnostics", ctypes.c_uint32),
        ("expand_id", ctypes.c_char_p),
        ("expand_id_length", ctypes.c_size_t),
        ("expand_compact", ctypes.c_int),
        ("max_report_bytes", ctypes.c_uint64),
    ]


class _Diagnostic(ctypes.Structure):
    # Strings are (pointer, length): c_void_p, so ctypes does not stop at a NUL byte.
    _fields_ = [
        ("severity", ctypes.c_int),
        ("code", ctypes.c_void_p),
        ("code_length", ctypes.c_size_t),
        ("path", ctypes.c_void_p),
        ("path_length", ctypes.c_size_t),
        ("line", ctypes.c_uint32),
        ("column", ctypes.c_uint32),
        ("offset", ctypes.c_uint64),
        ("message", ctypes.c_void_p),
        ("message_length", ctypes.c_size_t),
        ("hint", ctypes.c_void_p),
        ("hint_length", ctypes.c_size_t),
    ]


class _Edit(ctypes.Structure):
    _fields_ = [
        ("offset", ctypes.c_uint64),
        ("length", ctypes.c_uint64),
        ("replacement", ctypes.c_void_p),
        ("replacement_length", ctypes.c_size_t),
    ]


class _CsvDiagnostic(ctypes.Structure):
    _fields_ = [
        ("diagnostic", _Diagnostic),
        ("part", ctypes.c_int),
        ("file", ctypes.c_void_p),
        ("file_length", ctypes.c_size_t),
        ("field", ctypes.c_void_p),
        ("field_length", ctypes.c_size_t),
        ("located", ctypes.c_int),
    ]


def library_path() -> str:
    """The path or name of the shared library this module loads."""
    explicit = os.environ.get("SDSPROFILE_LIBRARY")
    if explicit:
        return explicit
    beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), _SONAME)
    if os.path.exists(beside):
        return beside
    found = ctypes.util.find_library("sdsprofile")
    if found:
        return found
    raise OSError("sdsprofile: the shared library was not found; set SDSPROFILE_LIBRARY to the path of "
                  + _SONAME + " (build with -DBUILD_SHARED_LIBS=ON, or use build/" + _SONAME + ")")


def _load():
    lib = ctypes.CDLL(library_path())
    status = ctypes.c_int
    checker_p = ctypes.c_void_p
    signatures = {
        "sdsprofile_version": (ctypes.c_char_p, []),
        "sdsprofile_status_message": (ctypes.c_char_p, [status]),
        "sdsprofile_last_error": (ctypes.c_char_p, []),
        "sdsprofile_set_policy": (status, [checker_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]),
        "sdsprofile_options_init": (status, [ctypes.POINTER(_Options)]),
        "sdsprofile_parse_rfc3339": (status, [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_int64)]),
        "sdsprofile_checker_create": (status, [ctypes.POINTER(checker_p)]),
        "sdsprofile_checker_destroy": (None, [checker_p]),
        "sdsprofile_check": (status, [checker_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_Options)]),
        "sdsprofile_expand": (status, [checker_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_Options)]),
        "sdsprofile_result_valid": (status, [checker_p, ctypes.POINTER(ctypes.c_int)]),
        "sdsprofile_diagnostic_count": (status, [checker_p, ctypes.POINTER(ctypes.c_size_t)]),
        "sdsprofile_diagnostic_get": (status, [checker_p, ctypes.c_size_t, ctypes.POINTER(_Diagnostic)]),
        "sdsprofile_diagnostic_fix_count": (status, [checker_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)]),
        "sdsprofile_diagnostic_fix_edit": (status, [checker_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.POINTER(_Edit)]),
        "sdsprofile_expanded_json": (status, [checker_p, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]),
        "sdsprofile_csv_checker_create": (status, [ctypes.POINTER(checker_p)]),
        "sdsprofile_csv_checker_destroy": (None, [checker_p]),
        "sdsprofile_check_csv_folder": (status, [checker_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                                 ctypes.c_size_t, ctypes.POINTER(_Options), ctypes.c_uint]),
        "sdsprofile_check_csv_files": (status, [checker_p, ctypes.POINTER(ctypes.c_char_p),
                                                ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p, ctypes.c_size_t,
                                                ctypes.POINTER(_Options), ctypes.c_uint]),
        "sdsprofile_csv_result_valid": (status, [checker_p, ctypes.POINTER(ctypes.c_int)]),
        "sdsprofile_csv_diagnostic_count": (status, [checker_p, ctypes.POINTER(ctypes.c_size_t)]),
        "sdsprofile_csv_diagnostic_get": (status, [checker_p, ctypes.c_size_t, ctypes.POINTER(_CsvDiagnostic)]),
        "sdsprofile_csv_read_error_count": (status, [checker_p, ctypes.POINTER(ctypes.c_size_t)]),
        "sdsprofile_csv_read_error_get": (status, [checker_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p),
                                                   ctypes.POINTER(ctypes.c_size_t)]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


_lib = _load()


class _Checker:
    """One C checker handle, destroyed with this object."""

    def __init__(self):
        handle = ctypes.c_void_p()
        _raise_for(_lib.sdsprofile_checker_create(ctypes.byref(handle)))
        self.handle = handle
        self.policy = ("", "", "", "")  # the lists set with sdsprofile_set_policy

    def __del__(self):
        if _lib is not None and getattr(self, "handle", None):
            _lib.sdsprofile_checker_destroy(self.handle)
            self.handle = None


class _CsvChecker:
    """One C folder checker handle, destroyed with this object."""

    def __init__(self):
        handle = ctypes.c_void_p()
        _raise_for(_lib.sdsprofile_csv_checker_create(ctypes.byref(handle)))
        self.handle = handle

    def __del__(self):
        if _lib is not None and getattr(self, "handle", None):
            _lib.sdsprofile_csv_checker_destroy(self.handle)
            self.handle = None


_local = threading.local()


def _checker(policy=("", "", "", "")):
    """This thread's checker handle, with `policy` (select, ignore, warn, error lists) set."""
    if not hasattr(_local, "checker"):
        _local.checker = _Checker()
    checker = _local.checker
    if checker.policy != policy:
        try:
            for index, codes in enumerate(policy):
                raw = codes.encode("utf-8")
                _raise_for(_lib.sdsprofile_set_policy(checker.handle, index, raw, len(raw)))
        except SdsprofileError:
            for index, codes in enumerate(checker.policy):  # known good: back to it
                raw = codes.encode("utf-8")
                _lib.sdsprofile_set_policy(checker.handle, index, raw, len(raw))
            raise
        checker.policy = policy
    return checker.handle


def _csv_checker():
    if not hasattr(_local, "csv_checker"):
        _local.csv_checker = _CsvChecker()
    return _local.csv_checker.handle


def _raise_for(status, what=None):
    """Raises the error of a failed C call, with the library's message naming its cause."""
    if status == _STATUS_OK:
        return
    message = (_lib.sdsprofile_last_error() or _lib.sdsprofile_status_message(status)).decode("utf-8", "replace")
    if status == _STATUS_OUT_OF_MEMORY:
        raise MemoryError(message)
    message = what + ": " + message if what else message
    if status == _STATUS_INVALID_OPTION:
        raise InvalidOptionError(message)
    raise SdsprofileError(status, message)


def _policy(select, ignore, warn, error):
    """The four policy lists as comma-separated str (a str is taken as such a list already)."""
    lists = []
    for name, codes in zip(_POLICY_LISTS, (select, ignore, warn, error)):
        if codes is None:
            codes = ""
        elif not isinstance(codes, str):
            try:
                codes = list(codes)
            except TypeError:
                raise TypeError("{}: expected codes (a str or an iterable of str), not {}".format(
                    name, type(codes).__name__)) from None
            for code in codes:
                if not isinstance(code, str):
                    raise TypeError("{}: a code must be a str, not {}".format(name, type(code).__name__))
            codes = ",".join(codes)
        lists.append(codes)
    return tuple(lists)


def _text(pointer, length):
    return ctypes.string_at(pointer, length).decode("utf-8", "replace") if length else ""


def _now_seconds(now):
    if isinstance(now, datetime.datetime):
        if now.tzinfo is None:
            raise InvalidOptionError("now: a datetime needs a time zone (tzinfo)")
        return int(now.timestamp())
    if isinstance(now, str):
        raw = now.encode("utf-8")
        seconds = ctypes.c_int64()
        if _lib.sdsprofile_parse_rfc3339(raw, len(raw), ctypes.byref(seconds)) != _STATUS_OK:
            raise InvalidOptionError("now: {!r} is not an RFC 3339 date-time with offset".format(now))
        return seconds.value
    if isinstance(now, int) and not isinstance(now, bool):
        if not -2 ** 63 <= now < 2 ** 63:
            raise InvalidOptionError("now: {!r} is out of range".format(now))
        return now
    raise TypeError("now: expected None, an RFC 3339 str, an aware datetime or Unix seconds (int)")


def _options(mode, strict, now, max_bytes, max_depth, max_diagnostics, max_report_bytes, id=None, compact=False):
    if mode not in _MODES:
        raise InvalidOptionError("mode: {!r} is not one of {}".format(mode, ", ".join(_MODES)))
    for name, flag in (("strict", strict), ("compact", compact)):
        if not isinstance(flag, bool):  # "no" would be true: only True and False are accepted
            raise TypeError("{}: expected a bool, not {}".format(name, type(flag).__name__))
    options = _Options()
    _lib.sdsprofile_options_init(ctypes.byref(options))
    options.mode = _MODES[mode]
    options.strict = 1 if strict else 0
    if now is not None:
        options.has_now = 1
        options.now_unix_seconds = _now_seconds(now)
    # Each field's own width: ctypes would silently truncate a larger int.
    for field, value, bits in (("max_bytes", max_bytes, 64), ("max_depth", max_depth, 32),
                               ("max_diagnostics", max_diagnostics, 32), ("max_report_bytes", max_report_bytes, 64)):
        if value is not None:
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError("{}: expected an int, not {}".format(field, type(value).__name__))
            if value < 1 or value >= 2 ** bits:
                raise InvalidOptionError("{}: {!r} is out of range".format(field, value))
            setattr(options, field, value)
    if id is not None:
        if not isinstance(id, str):
            raise TypeError("id: expected a str, not " + type(id).__name__)
        if not id:
            raise InvalidOptionError("id: empty (leave it out for a new random id)")
        raw_id = id.encode("utf-8")
        options.expand_id = raw_id
        options.expand_id_length = len(raw_id)
    options.expand_compact = 1 if compact else 0
    return options


def _input_bytes(body):
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    raise TypeError("body: expected str or bytes, not " + type(body).__name__)


def _diagnostic_dict(d):
    return {
        "severity": _SEVERITIES[d.severity],
        "code": _text(d.code, d.code_length),
        "path": _text(d.path, d.path_length),
        "line": d.line,
        "column": d.column,
        "offset": d.offset,
        "message": _text(d.message, d.message_length),
        "hint": _text(d.hint, d.hint_length) or None,
    }


def _result(handle):
    valid = ctypes.c_int()
    count = ctypes.c_size_t()
    _raise_for(_lib.sdsprofile_result_valid(handle, ctypes.byref(valid)))
    _raise_for(_lib.sdsprofile_diagnostic_count(handle, ctypes.byref(count)))
    diagnostics = []
    d = _Diagnostic()
    edits = ctypes.c_size_t()
    e = _Edit()
    for index in range(count.value):
        _raise_for(_lib.sdsprofile_diagnostic_get(handle, index, ctypes.byref(d)))
        _raise_for(_lib.sdsprofile_diagnostic_fix_count(handle, index, ctypes.byref(edits)))
        fix = []
        for edit_index in range(edits.value):
            _raise_for(_lib.sdsprofile_diagnostic_fix_edit(handle, index, edit_index, ctypes.byref(e)))
            fix.append({"offset": e.offset, "length": e.length,
                        "replacement": _text(e.replacement, e.replacement_length)})
        entry = _diagnostic_dict(d)
        entry["fix"] = fix
        diagnostics.append(entry)
    return {"valid": valid.value == 1, "diagnostics": diagnostics}


def apply_fixes(body: Body, diagnostics: Iterable[Diagnostic]) -> Union[str, bytes]:
    """`body` with the fixes of `diagnostics` (as check returned them for it) applied, every other
    byte as it was; str in, str out (UTF-8), bytes in, bytes out. A fix whose edits overlap those
    of a fix applied before it (in the order of their first offsets) is left out; check again to
    find what it was for. Offsets and lengths count bytes of the UTF-8 body (docs/rules.md "Fixes").
    """
    raw = _input_bytes(body)
    fixes = sorted((d["fix"] for d in diagnostics if d.get("fix")), key=lambda f: f[0]["offset"])
    taken = []
    for fix in fixes:
        meets = any(e["offset"] == t["offset"] or (e["offset"] < t["offset"] + t["length"] and
                                                   t["offset"] < e["offset"] + e["length"])
                    for e in fix for t in taken)
        if not meets and all(e["offset"] + e["length"] <= len(raw) for e in fix):
            taken.extend(fix)
    out, at = [], 0
    for e in sorted(taken, key=lambda t: t["offset"]):
        out.append(raw[at:e["offset"]])
        out.append(e["replacement"].encode("utf-8"))
        at = e["offset"] + e["length"]
    out.append(raw[at:])
    fixed = b"".join(out)
    return fixed.decode("utf-8") if isinstance(body, str) else fixed


def _csv_result(handle: int) -> Dict[str, Any]:
    valid = ctypes.c_int()
    count = ctypes.c_size_t()
    _raise_for(_lib.sdsprofile_csv_result_valid(handle, ctypes.byref(valid)))
    _raise_for(_lib.sdsprofile_csv_diagnostic_count(handle, ctypes.byref(count)))
    diagnostics = []
    d = _CsvDiagnostic()
    for index in range(count.value):
        _raise_for(_lib.sdsprofile_csv_diagnostic_get(handle, index, ctypes.byref(d)))
        entry = _diagnostic_dict(d.diagnostic)
        entry.update({
            "part": _CSV_PARTS[d.part],
            "file": _text(d.file, d.file_length) or None,
            "field": _text(d.field, d.field_length) or None,
            "located": d.located == 1,
            "fix": [],
        })
        diagnostics.append(entry)
    _raise_for(_lib.sdsprofile_csv_read_error_count(handle, ctypes.byref(count)))
    read_errors = []
    message = ctypes.c_void_p()
    length = ctypes.c_size_t()
    for index in range(count.value):
        _raise_for(_lib.sdsprofile_csv_read_error_get(handle, index, ctypes.byref(message), ctypes.byref(length)))
        read_errors.append(_text(message, length.value))
    return {"valid": valid.value == 1, "diagnostics": diagnostics, "read_errors": read_errors}


def version() -> str:
    """The library's version string, e.g. "0.1.0"."""
    return _lib.sdsprofile_version().decode("ascii")


def check(body: Body, mode: str = "create", strict: bool = False, now: Now = None, max_bytes: Optional[int] = None,
          max_depth: Optional[int] = None, max_diagnostics: Optional[int] = None,
          max_report_bytes: Optional[int] = None, select: Codes = None, ignore: Codes = None, warn: Codes = None,
          error: Codes = None) -> Dict[str, Any]:
    """Check one body (str, encoded as UTF-8, or bytes as sent).

    mode: "create", "update" or "resource". now: None (the system clock), an RFC 3339 str, an
    aware datetime or Unix seconds. strict: a bool. Limits: None for the defaults (4194304
    bytes, depth 64, 1000 diagnostics, 8388608 bytes of report text). Returns {"valid": bool, "diagnostics": [{"severity", "code", "path", "line",
    "column", "offset", "message", "hint", "fix"}]}: lines and columns 1-based, columns and offsets
    in bytes, hint None when there is none, fix the list of its edits ({"offset", "length",
    "replacement"}, in bytes of the body; empty when there is none: apply_fixes applies them).
    select, ignore, warn, error: the per-code policy (docs/cli.md "Policy"), each None or codes and
    prefixes ("odata-type-") as an iterable of str or one comma-separated str; the result and its
    validity follow it. Raises InvalidOptionError for a value that is not accepted, TypeError for a
    wrong type.
    """
    options = _options(mode, strict, now, max_bytes, max_depth, max_diagnostics, max_report_bytes)
    raw = _input_bytes(body)
    handle = _checker(_policy(select, ignore, warn, error))
    _raise_for(_lib.sdsprofile_check(handle, raw, len(raw), ctypes.byref(options)), "check")
    return _result(handle)


def expand(body: Body, mode: str = "create", id: Optional[str] = None, compact: bool = False, strict: bool = False,
           now: Now = None, max_bytes: Optional[int] = None, max_depth: Optional[int] = None,
           max_diagnostics: Optional[int] = None, max_report_bytes: Optional[int] = None, select: Codes = None,
           ignore: Codes = None, warn: Codes = None, error: Codes = None) -> str:
    """The profile the service would store for a valid body, as a JSON str (docs/expansion.md).

    mode: "create" or "resource" (keeps the input's id and state). id: the profile id (a GUID;
    None: a new UUID v4, or the input's id in resource mode). compact: no white space (default:
    4-space indentation, ending with a newline). The policy as for check(): a body it finds
    invalid is not expanded, nor one the catalogue finds invalid (whose errors the policy left
    out or made warnings). Raises InvalidProfileError, carrying the diagnostics, when the body is
    not expanded; InvalidOptionError for a value that is not accepted (an id that is not a GUID).
    """
    if mode not in ("create", "resource"):
        raise InvalidOptionError("mode: expand takes 'create' or 'resource', not {!r}".format(mode))
    options = _options(mode, strict, now, max_bytes, max_depth, max_diagnostics, max_report_bytes, id, compact)
    raw = _input_bytes(body)
    handle = _checker(_policy(select, ignore, warn, error))
    _raise_for(_lib.sdsprofile_expand(handle, raw, len(raw), ctypes.byref(options)), "expand")
    result = _result(handle)
    json = ctypes.c_void_p()
    length = ctypes.c_size_t()
    _raise_for(_lib.sdsprofile_expanded_json(handle, ctypes.byref(json), ctypes.byref(length)))
    if not result["valid"] or length.value == 0:
        raise InvalidProfileError(result["diagnostics"])
    return ctypes.string_at(json, length.value).decode("utf-8")


def check_csv(folder: Union[None, str, bytes, "os.PathLike[str]"] = None, files: Optional[Dict[str, Body]] = None,
              profile: Optional[Body] = None, mode: str = "create", strict: bool = False, now: Now = None,
              max_diagnostics: Optional[int] = None, max_report_bytes: Optional[int] = None,
              jobs: int = 1) -> Dict[str, Any]:
    """Check a CSV profile's upload folder (docs/csv-rules.md), alone or against `profile`.

    Give either `folder` (a path, str or bytes) or `files`: a dict from the names of CSV_FILES to
    their contents (str, encoded as UTF-8, or bytes); a name left out is an absent file. profile:
    None, or the profile's body (str or bytes), checked first in `mode` ("create" or "resource").
    max_diagnostics and max_report_bytes apply to each part on its own; jobs: threads (the result
    is the same for every value). Returns {"valid": bool, "diagnostics": [...], "read_errors":
    [str]}: each diagnostic as check() gives it, with "part" ("profile", "folder" or "file"),
    "file" (the file's name as found, or None), "field" (the column's header, or None) and
    "located" (False: no place in its input, line 1 and column 1). Raises ValueError/TypeError for
    bad arguments and SdsprofileError when the library rejects an option.
    """
    if (folder is None) == (files is None):
        raise ValueError("give one of folder and files")
    if mode not in ("create", "resource"):
        raise ValueError("mode: check_csv takes 'create' or 'resource', not {!r}".format(mode))
    if not isinstance(jobs, int) or isinstance(jobs, bool) or not 0 <= jobs <= 1024:
        raise ValueError("jobs: expected an int from 0 to 1024")
    options = _options(mode, strict, now, None, None, max_diagnostics, max_report_bytes)
    raw_profile = None if profile is None else _input_bytes(profile)
    profile_length = 0 if raw_profile is None else len(raw_profile)
    handle = _csv_checker()
    if folder is not None:
        raw_folder = os.fsencode(folder)
        _raise_for(_lib.sdsprofile_check_csv_folder(handle, raw_folder, len(raw_folder), raw_profile, profile_length,
                                                    ctypes.byref(options), jobs), "check_csv")
    else:
        if not isinstance(files, dict):
            raise TypeError("files: expected a dict from file names to contents")
        unknown = sorted(set(files) - set(CSV_FILES))
        if unknown:
            raise ValueError("files: {!r} is not one of {}".format(unknown[0], ", ".join(CSV_FILES)))
        contents = [None if files.get(name) is None else _input_bytes(files[name]) for name in CSV_FILES]
        pointers = (ctypes.c_char_p * 6)(*contents)
        lengths = (ctypes.c_size_t * 6)(*[0 if c is None else len(c) for c in contents])
        _raise_for(_lib.sdsprofile_check_csv_files(handle, pointers, lengths, raw_profile, profile_length,
                                                   ctypes.byref(options), jobs), "check_csv")
    return _csv_result(handle)
