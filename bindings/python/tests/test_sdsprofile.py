"""unittest suite of the ctypes binding (run by ctest: python_binding)."""
import datetime
import json
import os
import threading
import unittest

import sdsprofile

SOURCE_DIR = os.environ.get("SDSPROFILE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
NOW = "2026-01-15T00:00:00Z"
ID = "86904b1e-c7d0-4ead-b13a-98f11fc400ee"


def seed_request():
    with open(os.path.join(SOURCE_DIR, "examples", "seed-request.json"), "rb") as f:
        return f.read()


class CheckTest(unittest.TestCase):
    def test_display_name_number(self):
        result = sdsprofile.check('{"displayName": 5}', now=NOW)
        self.assertEqual(result["valid"], False)
        self.assertEqual(len(result["diagnostics"]), 3)
        first, second, third = result["diagnostics"]
        for d in (first, second):
            self.assertEqual((d["severity"], d["code"], d["path"], d["line"], d["column"], d["offset"], d["hint"]),
                             ("error", "missing-required", "", 1, 1, 0, None))
        self.assertEqual(first["message"],
                         'Required property "dataProvider" of educationSynchronizationProfile is missing.')
        self.assertEqual(third, {
            "severity": "error", "code": "type-mismatch", "path": "/displayName", "line": 1, "column": 17,
            "offset": 16, "message": '"displayName" must be Edm.String (a JSON string), not a number.', "hint": None,
            "fix": []})

    def test_fixes_and_apply_fixes(self):
        body = '{"DisplayName": "é", "dataProvider": {"@odata.type": "#microsoft.graph.educationcsvdataprovider"}}'
        result = sdsprofile.check(body, mode="update", now=NOW)
        self.assertEqual([d["fix"] for d in result["diagnostics"]], [
            [{"offset": 1, "length": 13, "replacement": '"displayName"'}],
            [{"offset": body.encode("utf-8").index(b'"#microsoft'), "length": 43, "replacement": '"#microsoft.graph.educationCsvDataProvider"'}]])
        fixed = '{"displayName": "é", "dataProvider": {"@odata.type": "#microsoft.graph.educationCsvDataProvider"}}'
        self.assertEqual(sdsprofile.apply_fixes(body, result["diagnostics"]), fixed)
        self.assertEqual(sdsprofile.apply_fixes(body.encode("utf-8"), result["diagnostics"]), fixed.encode("utf-8"))
        self.assertEqual(sdsprofile.check(fixed, mode="update", now=NOW)["diagnostics"], [])
        held = sdsprofile.check('{"displayName": "a", "DisplayName": "b"}', mode="update", now=NOW)["diagnostics"]
        self.assertEqual(held[0]["fix"], [])
        self.assertTrue(held[0]["hint"].endswith('Not fixed automatically: "displayName" is already a member of this object.'))

    def test_seed_request_has_two_warnings_with_hints(self):
        result = sdsprofile.check(seed_request(), now=NOW)
        self.assertEqual(result["valid"], True)
        self.assertEqual([(d["severity"], d["code"], d["path"], d["line"], d["column"]) for d in result["diagnostics"]], [
            ("warning", "odata-type-noncanonical", "/dataProvider/@odata.type", 4, 24),
            ("warning", "odata-type-noncanonical", "/identitySynchronizationConfiguration/@odata.type", 15, 24)])
        self.assertEqual(result["diagnostics"][0]["hint"],
                         'Write "#microsoft.graph.educationCsvDataProvider" (expansion writes it so).')
        self.assertEqual(sdsprofile.check(seed_request(), now=NOW, strict=True)["valid"], False)

    def test_str_bytes_and_now_forms_agree(self):
        body = seed_request()
        expected = sdsprofile.check(body, now=NOW)
        self.assertEqual(sdsprofile.check(body.decode("utf-8"), now=NOW), expected)
        self.assertEqual(sdsprofile.check(body, now=1768435200), expected)
        aware = datetime.datetime(2026, 1, 15, tzinfo=datetime.timezone.utc)
        self.assertEqual(sdsprofile.check(body, now=aware), expected)

    def test_modes_and_limits(self):
        update = sdsprofile.check('{"displayName": 5}', mode="update", now=NOW)
        self.assertEqual([d["code"] for d in update["diagnostics"]], ["type-mismatch"])
        limited = sdsprofile.check('{"displayName": 5}', now=NOW, max_diagnostics=1)
        self.assertEqual([d["code"] for d in limited["diagnostics"]], ["missing-required", "too-many-diagnostics"])
        too_large = sdsprofile.check('{"displayName": 5}', max_bytes=4)
        self.assertEqual([(d["code"], d["path"]) for d in too_large["diagnostics"]], [("json-too-large", "")])
        too_deep = sdsprofile.check('{"a":{}}', max_depth=1)
        self.assertEqual([d["code"] for d in too_deep["diagnostics"]], ["json-too-deep"])
        small_report = sdsprofile.check('{"displayName": 5}', now=NOW, max_report_bytes=100)
        self.assertEqual([d["code"] for d in small_report["diagnostics"]], ["missing-required", "too-many-diagnostics"])
        self.assertEqual(small_report["diagnostics"][1]["message"],
                         "The diagnostics' text (paths, messages and hints) reached the limit of 100 bytes; "
                         "the rest are not listed.")

    def test_syntax_error_position(self):
        result = sdsprofile.check('{"displayName": "x",}')
        self.assertEqual([(d["code"], d["line"], d["column"], d["hint"]) for d in result["diagnostics"]], [
            ("json-syntax", 1, 21, "Remove the comma after the last member (RFC 8259 allows none).")])

    def test_bad_arguments(self):
        with self.assertRaises(ValueError):
            sdsprofile.check("{}", mode="delete")
        with self.assertRaises(ValueError):
            sdsprofile.check("{}", now="yesterday")
        with self.assertRaises(ValueError):
            sdsprofile.check("{}", now=datetime.datetime(2026, 1, 15))  # naive
        with self.assertRaises(TypeError):
            sdsprofile.check(5)
        with self.assertRaises(ValueError):
            sdsprofile.check("{}", max_depth=0)
        with self.assertRaises(sdsprofile.InvalidOptionError) as raised:
            sdsprofile.check("{}", max_depth=1025)
        self.assertEqual(raised.exception.status, 2)
        self.assertEqual(str(raised.exception), "check: max_depth is 1025: it must be from 1 to 1024")
        with self.assertRaises(sdsprofile.InvalidOptionError) as raised:
            sdsprofile.check("{}", now=253402300800)  # after 9999-12-31
        self.assertEqual(str(raised.exception), "check: now_unix_seconds is 253402300800: it must be from "
                                                "-62135596800 to 253402300799 (years 0001 to 9999)")
        # Hostile-input findings: ctypes would truncate these silently.
        with self.assertRaises(ValueError):
            sdsprofile.check("{}", max_depth=2 ** 32 + 5)
        with self.assertRaises(ValueError):
            sdsprofile.check("{}", max_diagnostics=2 ** 32 + 1)
        with self.assertRaises(ValueError):
            sdsprofile.check("{}", now=2 ** 64 + 1768435200)
        with self.assertRaises(TypeError):
            sdsprofile.check("{}", max_depth=True)
        for not_a_bool in ("no", 0, 1, None):  # "no" would otherwise be taken as true
            with self.assertRaises(TypeError):
                sdsprofile.check("{}", strict=not_a_bool)
        with self.assertRaises(TypeError):
            sdsprofile.expand("{}", compact="yes")
        with self.assertRaises(ValueError):
            sdsprofile.check("{}", max_report_bytes=0)
        self.assertTrue(sdsprofile.check("{}", mode="update", now="9999-12-31T23:59:59-23:59")["valid"])


class ExpandTest(unittest.TestCase):
    def test_seed_request(self):
        out = sdsprofile.expand(seed_request(), id=ID, now=NOW)
        self.assertTrue(out.startswith('{\n    "displayName": "Test Profile",\n    "state": "provisioning",\n'
                                       '    "id": "' + ID + '",\n'))
        self.assertTrue(out.endswith("}\n"))
        compact = sdsprofile.expand(seed_request(), id=ID, now=NOW, compact=True)
        self.assertEqual(json.loads(compact), json.loads(out))
        self.assertNotIn("\n", compact)
        # An expansion is a valid resource, and expanding it again gives the same bytes.
        self.assertEqual(sdsprofile.check(compact, mode="resource", now=NOW)["valid"], True)
        self.assertEqual(sdsprofile.expand(compact, mode="resource", compact=True, now=NOW), compact)

    def test_new_id_is_a_uuid_v4(self):
        stored = json.loads(sdsprofile.expand(seed_request(), now=NOW))
        self.assertRegex(stored["id"], r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

    def test_invalid_body_raises_with_diagnostics(self):
        with self.assertRaises(sdsprofile.InvalidProfileError) as raised:
            sdsprofile.expand('{"displayName": 5}', now=NOW)
        self.assertEqual([(d["code"], d["path"]) for d in raised.exception.diagnostics],
                         [("missing-required", ""), ("missing-required", ""), ("type-mismatch", "/displayName")])
        self.assertIn("1:1: Required property", str(raised.exception))

    def test_bad_id_and_mode(self):
        with self.assertRaises(sdsprofile.InvalidOptionError) as raised:
            sdsprofile.expand(seed_request(), id="{" + ID + "}")
        self.assertEqual(raised.exception.status, 2)
        self.assertEqual(str(raised.exception),
                         "expand: expand_id is not a GUID (38 bytes; it must be 36: 8-4-4-4-12 hexadecimal digits)")
        with self.assertRaises(ValueError):
            sdsprofile.expand(seed_request(), mode="update")
        with self.assertRaises(ValueError):
            sdsprofile.expand(seed_request(), id="")
        with self.assertRaises(TypeError):
            sdsprofile.expand(seed_request(), id=ID.encode())


class ErrorsTest(unittest.TestCase):
    def test_one_exception_type_for_bad_option_values(self):
        # Whether this module or the library finds it, a value that is not accepted is an
        # InvalidOptionError, which is also a ValueError and an SdsprofileError.
        bad_values = [
            lambda: sdsprofile.check("{}", mode="delete"),
            lambda: sdsprofile.check("{}", now="yesterday"),
            lambda: sdsprofile.check("{}", now=datetime.datetime(2026, 1, 15)),
            lambda: sdsprofile.check("{}", now=253402300800),
            lambda: sdsprofile.check("{}", now=2 ** 64),
            lambda: sdsprofile.check("{}", max_depth=0),
            lambda: sdsprofile.check("{}", max_depth=1025),
            lambda: sdsprofile.check("{}", max_depth=2 ** 32 + 5),
            lambda: sdsprofile.check("{}", max_bytes=2 ** 40 + 1),
            lambda: sdsprofile.expand(seed_request(), id="x"),
            lambda: sdsprofile.expand(seed_request(), id=""),
            lambda: sdsprofile.expand(seed_request(), mode="update"),
            lambda: sdsprofile.check("{}", ignore=["date-in-pastt"]),
        ]
        for call in bad_values:
            with self.assertRaises(sdsprofile.InvalidOptionError) as raised:
                call()
            self.assertIsInstance(raised.exception, ValueError)
            self.assertIsInstance(raised.exception, sdsprofile.SdsprofileError)
        for wrong_type in (lambda: sdsprofile.check(5), lambda: sdsprofile.check("{}", strict="no"),
                           lambda: sdsprofile.check("{}", ignore=5), lambda: sdsprofile.check("{}", warn=[1])):
            with self.assertRaises(TypeError):
                wrong_type()
        self.assertTrue(issubclass(sdsprofile.InvalidProfileError, sdsprofile.SdsprofileError))


class PolicyTest(unittest.TestCase):
    def test_policy_decides_codes_severities_and_validity(self):
        codes = lambda result: [(d["severity"], d["code"]) for d in result["diagnostics"]]
        seed = seed_request()
        self.assertEqual(codes(sdsprofile.check(seed, now=NOW)),
                         [("warning", "odata-type-noncanonical")] * 2)
        stricter = sdsprofile.check(seed, now=NOW, error=["odata-type-"])
        self.assertEqual((stricter["valid"], codes(stricter)), (False, [("error", "odata-type-noncanonical")] * 2))
        self.assertEqual(sdsprofile.check(seed, now=NOW, ignore="odata-type-noncanonical, nil-guid"),
                         {"valid": True, "diagnostics": []})
        # The next call without a policy gets the catalogue's result again.
        self.assertEqual(codes(sdsprofile.check(seed, now=NOW)), [("warning", "odata-type-noncanonical")] * 2)
        with self.assertRaises(sdsprofile.InvalidProfileError):
            sdsprofile.expand(seed, now=NOW, id=ID, error=("odata-type-noncanonical",))
        self.assertTrue(sdsprofile.expand(seed, now=NOW, id=ID, ignore=["odata-type-"]).startswith("{\n"))
        # The catalogue finds {"displayName": 5} invalid: the policy may pass it, but not expand it.
        self.assertTrue(sdsprofile.check('{"displayName": 5}', now=NOW, ignore=["missing-required", "type-mismatch"])[
            "valid"])
        with self.assertRaises(sdsprofile.InvalidProfileError):
            sdsprofile.expand('{"displayName": 5}', now=NOW, ignore=["missing-required", "type-mismatch"])

    def test_bad_codes_are_named_and_leave_no_policy_behind(self):
        with self.assertRaises(sdsprofile.InvalidOptionError) as raised:
            sdsprofile.check("{}", error=["odata-type-"], warn=["json-syntax"])
        self.assertEqual(str(raised.exception),
                         "warn: 'json-syntax' is a document-level code: it cannot be made a warning")
        with self.assertRaises(sdsprofile.InvalidOptionError) as raised:
            sdsprofile.check("{}", select="type-mismatc")
        self.assertEqual(str(raised.exception), "select: unknown code 'type-mismatc', did you mean 'type-mismatch'?")
        self.assertEqual([d["severity"] for d in sdsprofile.check(seed_request(), now=NOW)["diagnostics"]],
                         ["warning", "warning"])


class ThreadsTest(unittest.TestCase):
    def test_threads_get_the_same_results(self):
        bodies = [seed_request(), b'{"displayName": 5}', b'{"displayName": "x",}']
        expected = [sdsprofile.check(b, now=NOW) for b in bodies]
        failures = []

        def work():
            for _ in range(50):
                for body, want in zip(bodies, expected):
                    if sdsprofile.check(body, now=NOW) != want:
                        failures.append(body)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


class CheckCsvTest(unittest.TestCase):
    FILES = {
        "School.csv": "SIS ID,Name\r\n1,Contoso\r\n",
        "Section.csv": "SIS ID,School SIS ID,Section Name\r\n10,1,Algebra\r\n",
        "Student.csv": "SIS ID,School SIS ID,Username\r\n100,1,ava\r\n101,2,bo\r\n",
        "StudentEnrollment.csv": b"Section SIS ID,SIS ID\r\n10,100\r\n",
        "TeacherRoster.csv": "Section SIS ID,SIS ID\r\n",
    }

    def test_files_give_every_part_with_exact_values(self):
        result = sdsprofile.check_csv(files=self.FILES, now=NOW)
        self.assertEqual(result["valid"], False)
        self.assertEqual(result["read_errors"], [])
        missing, school = result["diagnostics"]
        self.assertEqual((missing["part"], missing["code"], missing["path"], missing["file"], missing["located"]),
                         ("folder", "csv-file-missing", "/Teacher.csv", None, False))
        self.assertEqual(school, {
            "severity": "error", "code": "csv-dangling-school", "path": "/Student.csv/3/School SIS ID", "line": 3,
            "column": 5, "offset": 46, "message": 'The School SIS ID "2" is not in School.csv.',
            "hint": "Add the school to School.csv, or correct the ID.", "part": "file", "file": "Student.csv",
            "field": "School SIS ID", "located": True, "fix": []})

    def test_a_case_folder_against_its_profile(self):
        case = os.path.join(SOURCE_DIR, "tests", "csv-cases", "upn-invalid-simple")
        with open(os.path.join(case, "profile.json"), "rb") as f:
            profile = f.read()
        result = sdsprofile.check_csv(folder=os.path.join(case, "upload"), profile=profile, now=NOW, jobs=2)
        self.assertEqual([(d["code"], d["path"], d["line"], d["column"]) for d in result["diagnostics"]],
                         [("csv-upn-invalid", "/Student.csv/2/Username", 2, 13)])
        self.assertEqual(result["valid"], False)
        with open(os.path.join(case, "expect.json")) as f:
            self.assertEqual(json.load(f)["valid"], result["valid"])

    def test_an_unreadable_folder_is_a_read_error(self):
        result = sdsprofile.check_csv(folder="/nonexistent/sdsprofile-csv")
        self.assertEqual(result["read_errors"], ["cannot read '/nonexistent/sdsprofile-csv': No such file or directory"])
        self.assertEqual(result["valid"], False)

    def test_bad_arguments(self):
        with self.assertRaises(ValueError):
            sdsprofile.check_csv()
        with self.assertRaises(ValueError):
            sdsprofile.check_csv(folder=".", files={})
        with self.assertRaises(ValueError):
            sdsprofile.check_csv(files={"Schools.csv": ""})
        with self.assertRaises(ValueError):
            sdsprofile.check_csv(files={}, mode="update")
        with self.assertRaises(TypeError):
            sdsprofile.check_csv(files=[])


class VersionTest(unittest.TestCase):
    def test_version(self):
        self.assertEqual(sdsprofile.version(), "0.1.0")


if __name__ == "__main__":
    unittest.main()
