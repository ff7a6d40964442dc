"""SECURITY.md "Secrets": each kind of secret is flagged in a source, in an output only and
in metadata only; placeholders, UUIDs, digests and images are not; and no rendering of the
findings (text, JSON, SARIF, GitHub) nor any fix contains the value.

The fake secrets are built by concatenation so that this file does not look like a leak to
secret scanners. None of them is real.
"""

from __future__ import annotations

import ast
import json
import time
from dataclasses import dataclass
from typing import Any

import nbformat
import pytest
from nbprod.lint.api import lint
from nbprod.lint.config import Config
from nbprod.lint.diagnostic import Diagnostic
from nbprod.lint.fixes import apply_fix
from nbprod.lint.render import renderer
from nbprod.lint.results import FileResult
from nbprod.lint.rules.secret import _detect

SECRET_CODES = ["NBP030", "NBP031", "NBP032", "NBP033"]

PEM_BODY = "\n".join(
    [
        "MIIEowIBAAKCAQEA" + "nbprodFAKEkeyMaterial0123456789abcdefABCDEF+/",
        "q8Zr2Lx9Vb4Nc7Md1Kf6Hs3Pw0Tj5Ye2Ua7IoXk" + "3Lp9Qm4Rn8Sv2Tw6Ux1Vy5Wz0",
    ]
)
PEM = (
    "-----BEGIN RSA "
    + "PRIVATE KEY-----\n"
    + PEM_BODY
    + "\n-----END RSA "
    + "PRIVATE KEY-----"
)
JWT = (
    "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9"
    + ".eyJzdWIiOiAibmJwcm9kLWZpeHR1cmUiLCAibmFtZSI6ICJGYWtlIFVzZXIifQ"
    + ".u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ"
)


@dataclass(frozen=True)
class Case:
    """One kind of secret: its value, and how it appears in a source, an output, metadata."""

    name: str
    value: str
    source: str
    text: str
    meta: dict[str, Any]
    source_code: str = "NBP030"


def _cases() -> list[Case]:
    aws_id = "AKIA" + "IOSFODNN7EXAMPLE"
    aws_secret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"
    ghp = "ghp_" + "nbprodFAKEtoken0123456789abcdefghijk"
    pat = (
        "github_pat_"
        + "11NBPRODFAKE0abcdefghij_"
        + "k" * 0
        + "Zx8Vb4Nc7Md1Kf6Hs3Pw0Tj5" * 2
        + "Ye2Ua7IoXk3"
    )
    stripe = "sk_" + "live_" + "nbprodFAKE4eC39HqLyjWDarjtT1"
    slack = "xoxb-" + "123456789012-1234567890123-" + "nbprodFAKEslackTokenAbCd"
    password = "Tr0ub4dor" + "&3x"
    api_key = "q8Zr2Lx9" + "Vb4Nc7Md1Kf6"
    token = "s3cr3t-" + "t0ken-v4lue"
    url_password = "hunter2" + "hunter2"
    entropy = "GAkWvj7FAc9QeWJKY40u" + "vSwMFLZDe1f8rESQedUS"
    return [
        Case(
            "aws-access-key",
            aws_id,
            f'key_id = "{aws_id}"',
            f"AWS key {aws_id}",
            {"aws": {"id": aws_id}},
        ),
        Case(
            "aws-secret-key",
            aws_secret,
            f'aws_secret_access_key = "{aws_secret}"',
            f'aws_secret_access_key="{aws_secret}"',
            {"aws_secret_access_key": aws_secret},
        ),
        Case(
            "github-token",
            ghp,
            f'gh = Github("{ghp}")',
            f"cloning with {ghp}",
            {"x": [ghp]},
        ),
        Case(
            "github-pat",
            pat,
            f'gh = Github("{pat}")',
            f"cloning with {pat}",
            {"x": pat},
        ),
        Case(
            "stripe-key",
            stripe,
            f'stripe.api_key = "{stripe}"',
            f"key {stripe}",
            {"s": stripe},
        ),
        Case(
            "slack-token",
            slack,
            f'bot = WebClient("{slack}")',
            f"slack {slack}",
            {"s": slack},
        ),
        Case(
            "pem-private-key", PEM, f'KEY = """{PEM}"""', PEM, {"deploy": {"key": PEM}}
        ),
        Case(
            "jwt",
            JWT,
            f'jwt = "{JWT}"',
            f"Authorization: Bearer {JWT}",
            {"session": JWT},
        ),
        Case(
            "password",
            password,
            f'password = "{password}"',
            f"connecting with password={password}",
            {"connection": {"password": password}},
        ),
        Case(
            "api-key",
            api_key,
            f'api_key = "{api_key}"',
            f"api_key: {api_key}",
            {"api_key": api_key},
        ),
        Case(
            "token-keyword",
            token,
            f'client = Client(token="{token}")',
            f"token={token}",
            {"papermill": {"parameters": {"token": token}}},
        ),
        Case(
            "credentialed-url",
            url_password,
            f'engine = create_engine("postgresql://analyst:{url_password}@db.internal/sales")',
            f"could not connect to postgresql://analyst:{url_password}@db.internal/sales",
            {"notes": f"see postgresql://analyst:{url_password}@db.internal/sales"},
            source_code="NBP033",
        ),
        Case(
            "high-entropy",
            entropy,
            f'client = WeatherClient("{entropy}")',
            f"session key: {entropy}",
            {"session_key": entropy},
        ),
    ]


CASES = _cases()


def _notebook(
    source: str = "x = 1",
    outputs: list[dict[str, Any]] | None = None,
    cell_metadata: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    nb = nbformat.v4.new_notebook()
    nb.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    nb.metadata.update(metadata or {})
    cell = nbformat.v4.new_code_cell(source)
    cell.id = "cell-0"
    cell.execution_count = 1
    cell.outputs = [nbformat.from_dict(o) for o in outputs or []]
    cell.metadata.update(cell_metadata or {})
    nb.cells.append(cell)
    return json.loads(nbformat.writes(nb))


def _stream(text: str) -> dict[str, Any]:
    return {"output_type": "stream", "name": "stdout", "text": text}


def _lint(notebook: dict[str, Any]) -> list[Diagnostic]:
    return lint(notebook, path="secrets.ipynb", select=SECRET_CODES, config=Config())


def _assert_not_leaked(findings: list[Diagnostic], value: str) -> None:
    results = [FileResult("secrets.ipynb", tuple(findings))]
    outputs = {
        name: renderer(name)(results) for name in ("text", "json", "sarif", "github")
    }
    outputs["fixes"] = json.dumps([d.fix.to_json() for d in findings if d.fix])
    outputs["repr"] = repr(findings)
    pieces = [value] + [line for line in value.splitlines() if len(line) >= 8]
    # Not even a part: every 10-character window of the value stays out.
    pieces += [value[i : i + 10] for i in range(0, max(1, len(value) - 9))]
    for name, text in outputs.items():
        escaped = json.dumps(text)
        for piece in pieces:
            assert (
                piece not in text and piece not in escaped
            ), f"{name} leaks the secret"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_secret_in_source_is_flagged_and_never_shown(case: Case) -> None:
    findings = _lint(_notebook(source=case.source))
    assert case.source_code in {d.code for d in findings}
    assert all(d.cell_index == 0 for d in findings)
    _assert_not_leaked(findings, case.value)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_secret_only_in_an_output_is_flagged_and_never_shown(case: Case) -> None:
    findings = _lint(_notebook(source="show()", outputs=[_stream(case.text + "\n")]))
    assert [d.code for d in findings] == ["NBP031"], [d.message for d in findings]
    _assert_not_leaked(findings, case.value)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_secret_in_an_error_or_rich_output_is_flagged(case: Case) -> None:
    error = {
        "output_type": "error",
        "ename": "RuntimeError",
        "evalue": case.text,
        "traceback": ["\x1b[0;31mRuntimeError\x1b[0m: " + case.text],
    }
    rich = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/html": f"<pre>{case.text}</pre>", "text/plain": "<HTML>"},
    }
    for output in (error, rich):
        findings = _lint(_notebook(source="run()", outputs=[output]))
        assert [d.code for d in findings] == ["NBP031"]
        _assert_not_leaked(findings, case.value)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_secret_only_in_metadata_is_flagged_and_never_shown(case: Case) -> None:
    in_cell = _lint(_notebook(cell_metadata=case.meta))
    assert [(d.code, d.cell_index) for d in in_cell] == [("NBP032", 0)]
    in_notebook = _lint(_notebook(metadata={"extension": case.meta}))
    assert [(d.code, d.cell_index) for d in in_notebook] == [("NBP032", None)]
    _assert_not_leaked(in_cell + in_notebook, case.value)


def test_secret_in_a_json_output_is_flagged() -> None:
    output = {
        "output_type": "execute_result",
        "execution_count": 1,
        "metadata": {},
        "data": {
            "application/json": {"user": "ana", "access_token": JWT},
            "text/plain": "{}",
        },
    }
    findings = _lint(_notebook(source="resp.json()", outputs=[output]))
    assert [d.code for d in findings] == ["NBP031"]
    _assert_not_leaked(findings, JWT)


UUID = "123e4567-e89b-12d3-a456-426614174000"
DIGEST = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

NOT_SECRETS = {
    "os.environ": (
        'import os\npassword = os.environ["X"]\napi_key = os.environ.get("API_KEY")',
        'password = os.environ["X"]',
        {"password": 'os.environ["X"]'},
    ),
    "${VAR}": (
        'token = "${API_TOKEN}"\nurl = "postgresql://analyst:${DB_PASSWORD}@db/sales"',
        "token=${API_TOKEN} url=postgresql://analyst:${DB_PASSWORD}@db/sales",
        {
            "token": "${API_TOKEN}",
            "url": "postgresql://analyst:${DB_PASSWORD}@db/sales",
        },
    ),
    "{{ key }}": (
        'api_key = "{{ key }}"\nurl = "https://{{ user }}:{{ key }}@github.com/acme/x.git"',
        "api_key: {{ key }}",
        {"api_key": "{{ key }}", "password": "{{ password }}"},
    ),
    "uuid": (
        f'run_id = "{UUID}"\nsession = uuid.UUID("{UUID}")\nkey = "{UUID}"',
        f"run {UUID} finished; session key: {UUID}",
        {"id": UUID, "session": UUID, "outputId": UUID},
    ),
    "sha256-digest": (
        f'import hashlib\nassert hashlib.sha256(data).hexdigest() == "{DIGEST}"\n'
        f'expected_sha256 = "{DIGEST}"\nif digest != "{DIGEST}":\n    raise ValueError',
        f"sha256: {DIGEST}\nchecksum ok ({DIGEST})",
        {"sha256": DIGEST, "checksum": DIGEST, "integrity": "sha256-" + DIGEST},
    ),
}


@pytest.mark.parametrize("name", sorted(NOT_SECRETS))
def test_placeholders_uuids_and_digests_are_not_flagged(name: str) -> None:
    source, text, meta = NOT_SECRETS[name]
    assert _lint(_notebook(source=source)) == []
    assert _lint(_notebook(source="show()", outputs=[_stream(text)])) == []
    assert _lint(_notebook(cell_metadata=meta, metadata={"x": meta})) == []


def test_image_outputs_are_never_scanned() -> None:
    ghp = "ghp_" + "nbprodFAKEtoken0123456789abcdefghijk"
    output = {
        "output_type": "display_data",
        "metadata": {},
        "data": {
            "image/png": "iVBORw0KGgo" + ghp + "AAAA",
            "image/jpeg": "/9j/" + ghp,
            "image/svg+xml": f"<svg><text>{ghp}</text></svg>",
            "application/pdf": "JVBERi0" + ghp,
            "text/plain": "<Figure size 640x480 with 1 Axes>",
        },
    }
    assert _lint(_notebook(source="plt.show()", outputs=[output])) == []


def test_fix_reads_the_environment_and_holds_no_value() -> None:
    password = "Tr0ub4dor" + "&3x"
    notebook = _notebook(source=f'conn = connect(host="db", password="{password}")')
    [finding] = [d for d in _lint(notebook) if d.code == "NBP030"]
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"
    fixed = apply_fix(notebook, finding).notebook
    source = "".join(fixed["cells"][0]["source"])
    assert password not in source
    assert 'password=os.environ["PASSWORD"]' in source
    assert source.startswith("import os\n")
    ast.parse(source)
    assert not [d for d in _lint(fixed) if d.code == "NBP030"]


def test_fix_names_the_variable_after_the_binding() -> None:
    secret = "nbprodFAKE/2isAjIhKtJ0" + "RlgLKOmxgJTeKdNnFR"
    notebook = _notebook(source=f'import os\naws_secret_key = "{secret}"')
    [finding] = _lint(notebook)
    assert finding.fix is not None
    [edit] = finding.fix.edits
    assert edit.content == 'os.environ["AWS_SECRET_KEY"]'


def test_matches_carry_no_value() -> None:
    ghp = "ghp_" + "nbprodFAKEtoken0123456789abcdefghijk"
    source = f'token = "{ghp}"'
    matches = _detect.scan_source(source, ast.parse(source))
    assert [m.kind for m in matches] == ["GitHub token"]
    assert ghp not in repr(matches) and ghp[4:20] not in repr(matches)
    assert _detect.redact(f"x {ghp} y") == "x [REDACTED] y"


def test_detection_is_bounded_on_a_large_cell_and_a_50_mb_output() -> None:
    ghp = "ghp_" + "nbprodFAKEtoken0123456789abcdefghijk"
    cell = (
        "data = [\n"
        + "".join(f'    "{i:06d}-{"ab" * 8}",\n' for i in range(3_300))
        + "]\n"
    )
    cell += f'token = "{ghp}"\n'
    assert 100_000 <= len(cell) < 110_000
    big = ("word " * 20 + "x9" * 30 + "\n") * (50 * 1024 * 1024 // 161)
    outputs = [
        _stream(big),
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {
                "image/png": "iVBORw0KGgo" + "A" * 50_000_000,
                "text/plain": "<Figure>",
            },
        },
    ]
    start = time.perf_counter()
    findings = _lint(_notebook(source=cell, outputs=outputs))
    elapsed = time.perf_counter() - start
    assert [d.code for d in findings] == ["NBP030"]
    assert elapsed < 10, f"secret rules took {elapsed:.1f} s"


# -- every Python string form, in every place (issue 7, part 2) ------------------------

FORM_PASSWORD = "Tr0ub4dor" + "&3xQ-9k"
FORM_GHP = "ghp_" + "nbprodFAKEtoken0123456789abcdefghijk"
FORM_DISCORD = "MTk4NjIyNDgzNDcxOTI1MjQ4" + ".Cl2FMQ." + "ZnCjm1XVW7vRze4b7Cq4se7kKWs"
FORM_HEX = "9f86d081884c7d659a2feaa0" + "c55ad015a3bf4f1b" + "c0ffee12"  # 48 hex digits

#: name: (code holding SECRET, the secret, the rule that flags it in a code cell)
FORMS: dict[str, tuple[str, str, str]] = {
    "fstring-url": (
        'engine = create_engine(f"postgresql://analyst:SECRET@{host}/{db}")',
        FORM_PASSWORD,
        "NBP033",
    ),
    "concatenated-url": (
        'url = "mysql://root:SECRET@" + host + "/sales"',
        FORM_PASSWORD,
        "NBP033",
    ),
    "percent-url": (
        'url = "postgresql://analyst:SECRET@%s/%s" % (host, db)',
        FORM_PASSWORD,
        "NBP033",
    ),
    "format-url": (
        'url = "postgresql://analyst:SECRET@{}/{}".format(host, db)',
        FORM_PASSWORD,
        "NBP033",
    ),
    "fstring-password": ('password = f"SECRET{suffix}"', FORM_PASSWORD, "NBP030"),
    "concatenated-password": ('password = "SECRET" + suffix', FORM_PASSWORD, "NBP030"),
    "implicit-concatenation": (
        'password = ("SECRET" "-and-more")',
        FORM_PASSWORD,
        "NBP030",
    ),
    "percent-password": ('password = "SECRET-%s" % n', FORM_PASSWORD, "NBP030"),
    "format-password": ('password = "SECRET-{}".format(n)', FORM_PASSWORD, "NBP030"),
    "bytes": ('password = b"SECRET"', FORM_PASSWORD, "NBP030"),
    "bytes-keyword": ('conn = connect(password=b"SECRET")', FORM_PASSWORD, "NBP030"),
    "keyword-argument": (
        'conn = psycopg2.connect(host=host, password="SECRET")',
        FORM_PASSWORD,
        "NBP030",
    ),
    "dict-literal": ('config = {"api_key": "SECRET"}', FORM_PASSWORD, "NBP030"),
    "dollar-value": ('password = "$SECRET"', FORM_PASSWORD, "NBP030"),
    "braced-value": ('password = "{SECRET}"', FORM_PASSWORD, "NBP030"),
    "hex-secret-access-key": (
        'secret_access_key = "SECRET"',
        FORM_HEX,
        "NBP030",
    ),
    "discord-bot-token": ('bot.run("SECRET")', FORM_DISCORD, "NBP030"),
    "token-in-fstring": (
        'headers = {"Authorization": f"token SECRET", "X-Run": run_id}',
        FORM_GHP,
        "NBP030",
    ),
}


def _markdown_notebook(text: str) -> dict[str, Any]:
    nb = _notebook()
    cell = nbformat.v4.new_markdown_cell(text)
    cell.id = "md-1"
    nb["cells"].append(json.loads(json.dumps(cell)))
    return nb


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_string_form_is_flagged_in_a_code_cell(form: str) -> None:
    template, secret, code = FORMS[form]
    findings = _lint(_notebook(source=template.replace("SECRET", secret)))
    assert code in {d.code for d in findings}, [d.message for d in findings]
    _assert_not_leaked(findings, secret)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_string_form_is_flagged_in_outputs_markdown_and_metadata(
    form: str,
) -> None:
    template, secret, _code = FORMS[form]
    code = template.replace("SECRET", secret)
    traceback = {
        "output_type": "error",
        "ename": "OperationalError",
        "evalue": "could not connect",
        "traceback": ["----> 1 " + code, "OperationalError: could not connect"],
    }
    in_output = _lint(_notebook(source="run()", outputs=[traceback]))
    assert [d.code for d in in_output] == ["NBP031"], form
    in_markdown = _lint(_markdown_notebook(f"Connect with\n\n```python\n{code}\n```"))
    assert {d.cell_index for d in in_markdown} == {1}, form
    in_metadata = _lint(_notebook(cell_metadata={"snippet": {"code": code}}))
    assert [d.code for d in in_metadata] == ["NBP032"], form
    _assert_not_leaked(in_output + in_markdown + in_metadata, secret)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_fix_of_every_form_reads_the_environment_and_keeps_the_code_valid(
    form: str,
) -> None:
    template, secret, code = FORMS[form]
    if code != "NBP030":
        return  # NBP033 has no quick fix; export rewrites those (tests/export)
    notebook = _notebook(source="import os\n" + template.replace("SECRET", secret))
    [finding] = [d for d in _lint(notebook) if d.code == "NBP030"]
    assert finding.fix is not None, form
    fixed = "".join(apply_fix(notebook, finding).notebook["cells"][0]["source"])
    assert secret not in fixed and "os.environ[" in fixed
    ast.parse(fixed)
    assert not _lint(_notebook(source=fixed)), form


def test_an_fstring_fix_rewrites_only_the_literal_part() -> None:
    source = (
        "import os\n"
        f'engine = create_engine(f"postgresql://analyst:{FORM_PASSWORD}@{{host}}/{{db}}")'
    )
    matches = _detect.scan_source(source, ast.parse(source))
    [match] = matches
    assert match.kind == "credentialed URL" and match.rewrite is not None
    from nbprod.lint.rules.secret._rewrite import apply

    fixed = apply(source, match.rewrite, match.env_name)
    assert fixed is not None
    assert fixed.endswith(
        "create_engine(f\"postgresql://analyst:{os.environ['POSTGRESQL_PASSWORD']}"
        '@{host}/{db}")'
    )


#: Look like credentials at a glance, are not: (code, where it comes from).
FORM_NEGATIVES = {
    "env-lookup-in-fstring": "url = f\"postgresql://analyst:{os.environ['PW']}@{host}/db\"",
    "env-lookup-concatenated": 'password = os.environ["PW"] + "_suffix_v2"',
    "all-fields-url": 'url = f"postgresql://{user}:{password}@{host}:{port}/{db}"',
    "template-url": 'url = "postgresql://%s:%s@%s/db" % (user, password, host)',
    "format-template-url": 'url = "postgresql://{}:{}@{}/db".format(user, pw, host)',
    "bearer-header": 'headers = {"Authorization": f"Bearer {token}"}',
    "token-prefix": 'headers = {"Authorization": "token " + token}',
    "name-like-suffix": 'password = f"{env}_db_2024"',
    "path-in-fstring": 'api_key = f"{base}/api/v1/key"',
    "placeholder-x": 'api_key = "xxxxxxxxxxxxxxxx"',
    "placeholder-z": 'password = "ZZZZZZZZZZ"',
    "placeholder-repeated": 'secret_key = "abcd1234abcd1234abcd1234"',
    "placeholder-angle": 'api_key = "<your-key>"',
    "placeholder-env-ref": 'password = "${DB_PASSWORD}"',
    "placeholder-braces": 'password = "{password}"',
    "placeholder-bytes": 'password = b"<password>"',
    "git-sha-commit": 'commit = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"',
    "git-sha-revision": 'hf_hub_download(repo, revision="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b")',
    "digest-bytes": 'expected_sha256 = b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934c"',
    "plain-url": 'url = f"https://example.com/{path}?page={n}"',
}


@pytest.mark.parametrize("name", sorted(FORM_NEGATIVES))
def test_precision_of_the_string_forms(name: str) -> None:
    source = FORM_NEGATIVES[name]
    assert _lint(_notebook(source="import os\n" + source)) == [], name
    assert _lint(_markdown_notebook(f"```python\n{source}\n```")) == [], name


def test_inline_base64_media_in_html_is_not_a_secret() -> None:
    """Regression (a real notebook's inline video): a ``Key``-like fragment inside a
    ``data:...;base64,`` payload followed by random-looking bytes is not a credential.
    """
    import base64
    import hashlib

    noise = b"".join(hashlib.sha256(str(i).encode()).digest() for i in range(64))
    payload = base64.b64encode(noise).decode()
    payload = payload[:300] + "/authKey+" + payload[300:]
    html = f"<video src='data:video/mp4;base64,{payload}'></video>"
    output = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"text/html": html, "text/plain": "<HTML>"},
    }
    assert _lint(_notebook(source="clip.ipython_display()", outputs=[output])) == []
    ghp = "ghp_" + "nbprodFAKEtoken0123456789abcdefghijk"
    output["data"]["text/html"] = html + f"<p>token {ghp}</p>"
    assert [d.code for d in _lint(_notebook(source="x()", outputs=[output]))] == [
        "NBP031"
    ]
