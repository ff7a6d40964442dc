"""The secret detection engine shared by the `secret` rules and the exporter.

It finds credentials in text (cell sources, outputs, metadata values) and, for Python
sources, uses the AST to see which name a string literal is bound to. It reports *where*
and *what kind* of secret it found, never the value: a :class:`SecretMatch` has a kind, a
1-based span and the name the secret is bound to, and nothing else.

What it detects:

- known token formats, with the regular expressions of detect-secrets' plugins (AWS, GitHub,
  GitLab, Stripe, Slack, JWT, OpenAI, PyPI, SendGrid, Twilio, Discord, Telegram, Mailchimp,
  Azure storage, Square, npm) plus formats it lacks (GitHub fine-grained ``github_pat_``,
  Hugging Face ``hf_``, Google ``AIza``, OpenAI project keys, Anthropic keys, bearer headers);
- PEM private keys, as the whole ``BEGIN ... END`` block;
- URLs with a password (``scheme://user:password@host``);
- values bound to a credential name (``password = "..."``, ``api_key="..."``,
  ``{"token": "..."}``, ``PASSWORD=...`` in a log line). In prose and logs (markdown and
  raw cells, outputs: :func:`scan_text`) the value must also look like a credential
  (:func:`plausible_credential`): ``?token=dd852649`` in a server log or ``pwd = print
  working directory`` in a shell transcript is not one;
- high-entropy strings, only with context: bound to a key-ish name (``key``, ``auth``,
  ``session``...), or, in Python sources, a whole string literal of 32+ characters that looks
  random (upper, lower and digits, frequent character-class changes, high Shannon entropy).
  Hex strings (digests), UUIDs, ids, and literals in hash or checksum contexts never count.

detect-secrets is used in-process, as a library: its plugins' compiled patterns and JWT
validation, and its Shannon entropy. No verification, network, subprocess or git is used,
and it is imported lazily, without the ``requests`` and ``multiprocessing`` modules it
imports for what nbprod never uses (the first scan pays about 10 ms of imports). What
credential names and placeholder values are is in :mod:`._names`; string expressions that
are not one plain literal (f-strings, ``+``, ``%``, ``.format``, bytes) are in
:mod:`._forms`.

Time is bounded: text is scanned up to :data:`MAX_TEXT_CHARS` characters per call (the
rest is not scanned), every pattern is linear or bounded, the credential-name scan looks
only around the first :data:`MAX_NAME_HINTS` occurrences of a few credential words, and
at most :data:`MAX_PEM_HEADERS` private-key headers are examined.
"""

from __future__ import annotations

import ast
import bisect
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from ...._deferred import deferred_imports
from ._names import (
    _NOT_SECRET_NAME,
    HIGH_ENTROPY,
    _words,
    credential_name,
    is_placeholder,
)

#: Characters of one text (an output, a metadata value, a cell source) that are scanned.
MAX_TEXT_CHARS = 1_000_000

#: Credential words per text around which assignments are looked for.
MAX_NAME_HINTS = 20_000

#: Private-key headers per text that are examined.
MAX_PEM_HEADERS = 1_000

#: Caps of a recursive scan of JSON (metadata, JSON outputs).
MAX_JSON_DEPTH = 64
MAX_JSON_NODES = 200_000

CREDENTIALED_URL = "credentialed URL"
PRIVATE_KEY = "private key"


@dataclass(frozen=True)
class SecretMatch:
    """One secret found: its kind and where it is. Never its value."""

    #: What it is, for messages: "GitHub token", "password", "credentialed URL"...
    kind: str
    line: int
    column: int
    end_line: int
    end_column: int
    #: The name the secret is bound to (variable, keyword argument, key), when known and
    #: safe to print (an identifier that is not itself a secret).
    target: str | None = None
    #: The span of the whole string literal holding the secret, when replacing that
    #: literal by an environment lookup keeps the code valid (sources only).
    literal: tuple[int, int, int, int] | None = None
    #: Environment variable name a fix should read the secret from.
    env_name: str = "SECRET"
    #: How to move the secret to the environment in the scanned source
    #: (:mod:`._rewrite`; offsets only, never text), when the code stays valid.
    rewrite: Any = field(default=None, repr=False, compare=False)

    @property
    def span(self) -> tuple[int, int, int, int]:
        return (self.line, self.column, self.end_line, self.end_column)


@dataclass(frozen=True)
class _Hit:
    """A match as offsets into the scanned text (internal; offsets are not values)."""

    start: int
    end: int
    kind: str
    priority: int
    env: str
    target: str | None = None
    literal: tuple[int, int] | None = None
    rewrite: Any = None  # a _rewrite.Rewrite (offsets only)


@dataclass(frozen=True)
class _Pattern:
    kind: str
    regex: re.Pattern[str]
    env: str
    group: int = 0
    #: A substring the lower-cased text must contain for the regex to run.
    hint: str | None = None
    validate: Any = None  # callable(str) -> bool on the matched text


# --------------------------------------------------------------------------- patterns


@cache
def _patterns() -> tuple[_Pattern, ...]:
    """Known token formats: detect-secrets' plugin patterns plus a few of our own."""
    # Without requests and multiprocessing, which detect-secrets imports but nbprod
    # never reaches (see nbprod._deferred).
    with deferred_imports("requests", "multiprocessing"):
        from detect_secrets.plugins.aws import AWSKeyDetector
        from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
        from detect_secrets.plugins.discord import DiscordBotTokenDetector
        from detect_secrets.plugins.github_token import GitHubTokenDetector
        from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
        from detect_secrets.plugins.jwt import JwtTokenDetector
        from detect_secrets.plugins.mailchimp import MailchimpDetector
        from detect_secrets.plugins.npm import NpmDetector
        from detect_secrets.plugins.openai import OpenAIDetector
        from detect_secrets.plugins.pypi_token import PypiTokenDetector
        from detect_secrets.plugins.sendgrid import SendGridDetector
        from detect_secrets.plugins.slack import SlackDetector
        from detect_secrets.plugins.square_oauth import SquareOAuthDetector
        from detect_secrets.plugins.stripe import StripeDetector
        from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
        from detect_secrets.plugins.twilio import TwilioKeyDetector

    aws_id, aws_secret = AWSKeyDetector.denylist
    slack_token, slack_hook = SlackDetector.denylist
    found: list[_Pattern] = [
        _Pattern("AWS access key ID", aws_id, "AWS_ACCESS_KEY_ID"),
        _Pattern(
            "AWS secret access key", aws_secret, "AWS_SECRET_ACCESS_KEY", 1, "aws"
        ),
        *(
            _Pattern("GitHub token", r, "GITHUB_TOKEN")
            for r in GitHubTokenDetector.denylist
        ),
        _Pattern(
            "GitHub token",
            re.compile(r"github_pat_[A-Za-z0-9_]{50,255}"),
            "GITHUB_TOKEN",
            hint="github_pat_",
        ),
        *(
            _Pattern("GitLab token", r, "GITLAB_TOKEN")
            for r in GitLabTokenDetector.denylist
        ),
        *(
            _Pattern("Stripe live key", r, "STRIPE_API_KEY", hint="k_live_")
            for r in StripeDetector.denylist
        ),
        _Pattern("Slack token", slack_token, "SLACK_TOKEN", hint="xox"),
        _Pattern(
            "Slack webhook URL", slack_hook, "SLACK_WEBHOOK_URL", hint="hooks.slack"
        ),
        *(
            _Pattern(
                "JSON Web Token",
                r,
                "JWT",
                hint="eyJ",
                validate=JwtTokenDetector.is_formally_valid,
            )
            for r in JwtTokenDetector.denylist
        ),
        *(
            _Pattern("OpenAI API key", r, "OPENAI_API_KEY")
            for r in OpenAIDetector.denylist
        ),
        _Pattern(
            "OpenAI API key",
            re.compile(r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,300}"),
            "OPENAI_API_KEY",
            hint="sk-",
        ),
        _Pattern(
            "Anthropic API key",
            re.compile(r"sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{80,200}"),
            "ANTHROPIC_API_KEY",
            hint="sk-ant-",
        ),
        _Pattern(
            "Hugging Face token",
            re.compile(r"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34}(?![A-Za-z0-9_])"),
            "HF_TOKEN",
            hint="hf_",
        ),
        _Pattern(
            "Google API key",
            re.compile(r"AIza[0-9A-Za-z\-_]{35}"),
            "GOOGLE_API_KEY",
            hint="AIza",
        ),
        *(
            _Pattern("PyPI token", r, "PYPI_TOKEN", hint="pypi-")
            for r in PypiTokenDetector.denylist
        ),
        *(
            _Pattern("SendGrid API key", r, "SENDGRID_API_KEY", hint="SG.")
            for r in SendGridDetector.denylist
        ),
        *(
            _Pattern("Twilio API key", r, "TWILIO_API_KEY")
            for r in TwilioKeyDetector.denylist
        ),
        *(
            _Pattern("Discord bot token", r, "DISCORD_TOKEN")
            for r in DiscordBotTokenDetector.denylist
        ),
        *(
            _Pattern("Telegram bot token", r, "TELEGRAM_BOT_TOKEN", hint=":")
            for r in TelegramBotTokenDetector.denylist
        ),
        *(
            _Pattern("Mailchimp API key", r, "MAILCHIMP_API_KEY", hint="-us")
            for r in MailchimpDetector.denylist
        ),
        *(
            _Pattern(
                "Azure storage account key", r, "AZURE_STORAGE_KEY", hint="AccountKey="
            )
            for r in AzureStorageKeyDetector.denylist
        ),
        *(
            _Pattern("Square OAuth secret", r, "SQUARE_OAUTH_SECRET", hint="sq0csp-")
            for r in SquareOAuthDetector.denylist
        ),
        *(
            _Pattern("npm token", r, "NPM_TOKEN", 1, hint="_authToken")
            for r in NpmDetector.denylist
        ),
        _Pattern(
            "bearer token",
            re.compile(r"(?i)\bbearer[ \t]+([A-Za-z0-9\-._~+/]{20,500}=*)"),
            "BEARER_TOKEN",
            1,
            hint="bearer",
            validate=_random_token,
        ),
    ]
    return tuple(found)


PEM_BEGIN = re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-[23]"
)
PEM_END = re.compile(r"-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----")
BASE64_RUN = re.compile(r"[A-Za-z0-9+/=]{16,}")

CRED_URL = re.compile(
    r"\b(?P<scheme>[a-zA-Z][a-zA-Z0-9+.\-]{1,30})://"
    r"(?P<user>[^\s:/?#@'\"<>\\]{0,200}):(?P<password>[^\s/?#@'\"<>\\]{1,300})"
    r"@(?P<host>[A-Za-z0-9\[][A-Za-z0-9.\-\[\]_:%]{0,253}"
    # A host filled in at run time, as code shows it (in a source, a traceback, a
    # markdown snippet): ``@{host}``, ``@%s``, ``@%(host)s``, ``@${HOST}``, ``@" + host``.
    r"|\{[^{}\s]{0,60}\}|%(?:\([^)\s]{0,60}\))?s|\$\{[^}\s]{0,60}\}|(?=[\"']))"
)

#: Words whose occurrences start the credential-name scan of text.
NAME_HINT = re.compile(
    # The look-ahead on first letters lets the regex engine skip most positions fast.
    r"(?=[pstkcaPSTKCA_])(?i:pass|pwd|\bpw\b|_pw\b|secret|token|key|cred|auth|session"
    r"|cookie|signature|salt)"
)
NAME_CHARS = re.compile(r"[A-Za-z0-9_.\-]")
ASSIGNMENT_TAIL = re.compile(
    r"""["']?[ \t]{0,3}(?::=|=>|==|=|:)[ \t]{0,3}"""
    r"""(?:\(?[ \t]{0,3}[rRbBuUfF]{0,2}(?P<q>["'`])(?P<quoted>[^"'`\n]{1,300})(?P=q)"""
    r"""|(?P<bare>[^\s"'`,;<>()\[\]]{1,300})(?![(\[.\w]))"""
)
ENTROPY_TOKEN = re.compile(
    r"(?<![A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{16,200}={0,2}(?![A-Za-z0-9+/_\-=])"
)
UUID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
HEX = re.compile(r"^(?:0x)?[0-9a-fA-F]+$")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def plausible_credential(value: str) -> bool:
    """Whether a value after a credential word in prose or a log could be a credential.

    At least 10 characters with no whitespace, letters and at least one digit or symbol
    (not a word such as a shell command), Shannon entropy of 2.5 bits or more, and a hex
    value only from 20 digits (``?token=dd852649`` in a log is a truncated example).
    """
    if len(value) < 10 or re.search(r"\s", value):
        return False
    if not re.search(r"[A-Za-z]", value) or not re.search(r"[^A-Za-z]", value):
        return False
    if HEX.match(value) and len(value) < 20:
        return False
    b64, _hexp = _entropy_plugins()
    return bool(b64.calculate_shannon_entropy(value) >= 2.5)


# ------------------------------------------------------------------------- entropy


@cache
def _entropy_plugins() -> tuple[Any, Any]:
    with deferred_imports("requests", "multiprocessing"):
        from detect_secrets.plugins.high_entropy_strings import (
            Base64HighEntropyString,
            HexHighEntropyString,
        )

    return Base64HighEntropyString(), HexHighEntropyString()


def _class_changes(value: str) -> float:
    def cls(c: str) -> int:
        return 0 if c.isupper() else 1 if c.islower() else 2 if c.isdigit() else 3

    changes = sum(1 for a, b in itertools.pairwise(value) if cls(a) != cls(b))
    return changes / max(1, len(value) - 1)


def _random_enough(value: str, ratio: float) -> bool:
    """Whether ``value`` has entropy near the maximum its length allows."""
    b64, hexp = _entropy_plugins()
    if len(value) < 16 or UUID.match(value):
        return False
    if HEX.match(value):
        return hexp.calculate_shannon_entropy(value) >= 3.0 and len(value) >= 20
    target = ratio * math.log2(min(len(value), 64))
    return bool(b64.calculate_shannon_entropy(value) >= target)


#: Base64 openings of PNG, JPEG, GIF, PDF, gzip, zip and WebP/RIFF data.
_BASE64_MAGIC = ("iVBORw0KGgo", "/9j/", "R0lGOD", "JVBER", "H4sI", "UEsDB", "UklGR")


def _random_token(value: str) -> bool:
    """A random-looking token next to a key-ish name (``session_key = "..."``).

    Mixed case and digits, frequent character-class changes and near-maximal entropy:
    words joined by underscores, hex digests and UUIDs do not qualify.
    """
    if not 16 <= len(value) <= 512 or HEX.match(value) or UUID.match(value):
        return False
    if not re.fullmatch(r"[A-Za-z0-9+/_.~\-]+={0,2}", value):
        return False
    if not (re.search(r"[A-Z]", value) and re.search(r"[a-z]", value)):
        return False
    if not re.search(r"\d", value):
        return False
    return _class_changes(value) >= 0.3 and _random_enough(value, 0.8)


def _looks_random(value: str) -> bool:
    """A context-free high-entropy string: only strong evidence counts."""
    if not 32 <= len(value) <= 256 or HEX.match(value) or UUID.match(value):
        return False
    if value.startswith(_BASE64_MAGIC):
        return False  # base64 of an image or document, not a credential
    if not re.fullmatch(r"[A-Za-z0-9+/_\-]+={0,2}", value):
        return False
    if not (re.search(r"[A-Z]", value) and re.search(r"[a-z]", value)):
        return False
    if len(re.findall(r"\d", value)) < 3:
        return False
    return _class_changes(value) >= 0.4 and _random_enough(value, 0.86)


# ---------------------------------------------------------------------- text scanning


class _Lines:
    """Offsets to 1-based (line, column) positions, matching ``str.splitlines``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True) or [""]
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self._byte_maps: dict[int, list[int]] = {}

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        index = max(0, min(index, len(self.lines) - 1))
        return index + 1, offset - self.starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        line = max(1, min(line, len(self.lines)))
        return self.starts[line - 1] + column - 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        line, column = self.position(start)
        # The end is exclusive; keep it on the line of the last character.
        end_line, end_column = self.position(max(start, end - 1))
        return line, column, end_line, end_column + (1 if end > start else 0)

    def char_column(self, line: int, byte_col: int) -> int:
        """The 1-based character column of an ``ast`` UTF-8 byte offset on ``line``."""
        text = self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
        if text.isascii():
            return byte_col + 1
        table = self._byte_maps.get(line)
        if table is None:  # byte offset -> character index, built once per line
            table = []
            for index, char in enumerate(text):
                table.extend([index] * len(char.encode("utf-8")))
            table.append(len(text))
            self._byte_maps[line] = table
        return table[min(byte_col, len(table) - 1)] + 1


def _known_hits(text: str) -> Iterator[_Hit]:
    lowered = text.lower()
    for pattern in _patterns():
        if pattern.hint is not None and pattern.hint.lower() not in lowered:
            continue
        for match in pattern.regex.finditer(text):
            start, end = match.span(pattern.group)
            if start < 0 or end <= start:
                continue
            if pattern.group == 0 and start > 0 and text[start - 1].isalnum():
                continue  # inside a longer word
            if pattern.group == 0:
                # Cover the whole token: formats grow (a Discord token's last part has
                # 27 or 38 characters), and a redaction must not leave a tail.
                tail = _TOKEN_TAIL.match(text, end)
                end = tail.end() if tail else end
            if pattern.validate is not None and not pattern.validate(text[start:end]):
                continue
            if _fake_token(text[start:end]):
                continue
            yield _Hit(start, end, pattern.kind, 0, pattern.env)


_TOKEN_TAIL = re.compile(r"[A-Za-z0-9_\-]{1,64}")
_FAKE = re.compile(r"(?i)x{5}|\*{3}|0{10}|\.\.\.|<|>|\{|\}|\$")


def _fake_token(token: str) -> bool:
    """A documentation placeholder in a token's shape (``ghp_xxxxxxxx...``)."""
    tail = token[-16:]
    return len(set(tail)) <= 3 or bool(_FAKE.search(token))


def _pem_hits(text: str) -> Iterator[_Hit]:
    if "PRIVATE KEY" not in text and "PuTTY-User-Key" not in text:
        return
    covered = 0  # the end of the last block: headers inside it are not new keys
    end_match: re.Match[str] | None = None
    no_more_ends = False
    for count, match in enumerate(PEM_BEGIN.finditer(text)):
        if count >= MAX_PEM_HEADERS:
            break
        if match.start() < covered:
            continue
        if not no_more_ends and (end_match is None or end_match.start() < match.end()):
            end_match = PEM_END.search(text, match.end())
            no_more_ends = end_match is None
        block_end = (
            end_match
            if end_match and end_match.start() - match.end() < 20_000
            else None
        )
        body_end = block_end.start() if block_end else min(len(text), match.end() + 400)
        body = re.sub(r"\\n|\\r|\s|\"|,", "", text[match.end() : body_end])
        if not BASE64_RUN.search(body) or len(re.findall(r"[A-Za-z0-9+/]", body)) < 40:
            continue  # a header with a placeholder body
        end = block_end.end() if block_end else match.end()
        covered = end
        yield _Hit(match.start(), end, PRIVATE_KEY, 1, "PRIVATE_KEY")


_URL_PLACEHOLDERS = {"password", "pass", "passwd", "pwd", "secret", "token", "changeme",
                     "mypassword", "yourpassword", "pw", "p", "x", "redacted"}  # fmt: skip


def _url_hits(text: str) -> Iterator[_Hit]:
    if "://" not in text:
        return
    for match in CRED_URL.finditer(text):
        user, password = match.group("user"), match.group("password")
        if _url_placeholder(password) or (user and _url_placeholder(user, strict=True)):
            continue
        yield _Hit(match.start(), match.end(), CREDENTIALED_URL, 2, "DATABASE_URL")


def _url_placeholder(part: str, strict: bool = False) -> bool:
    p = part.strip()
    if not p:
        return not strict
    # Braces are not valid in a URL's user part unencoded; ``$`` is, but not ``${VAR}``.
    if re.search(r"[{}<>*]|\$\{|^\$[A-Z_][A-Z0-9_]*$|%\(|%s\b|^x+$|\.\.\.", p, re.I):
        return True
    return not strict and p.lower() in _URL_PLACEHOLDERS


def _keyword_hits(text: str, prose: bool = False) -> Iterator[_Hit]:
    """``name = value`` / ``"name": "value"`` / ``NAME=value`` with a credential name.

    Looks only around the first :data:`MAX_NAME_HINTS` credential words of the text. In
    ``prose`` (markdown, outputs) the value must be :func:`plausible_credential` too.
    """
    last_end = -1
    judged_values: dict[tuple[str, str], tuple[str, int] | None] = {}
    plausible = plausible_credential if prose else None
    for count, hint in enumerate(NAME_HINT.finditer(text)):
        if count >= MAX_NAME_HINTS:
            break
        if hint.start() < last_end:
            continue
        start = hint.start()
        floor = max(0, start - 60)
        while start > floor and NAME_CHARS.match(text, start - 1):
            start -= 1
        end = hint.end()
        ceiling = min(len(text), end + 60)
        while end < ceiling and NAME_CHARS.match(text, end):
            end += 1
        last_end = end
        name = text[start:end].strip(".-")
        if credential_name(name) is None:
            continue
        tail = ASSIGNMENT_TAIL.match(text, end)
        if tail is not None:
            group = "quoted" if tail.group("quoted") is not None else "bare"
            value = tail.group(group)
            v_start, v_end = tail.span(group)
            last_end = v_end
            key = (name, value)
            if key not in judged_values:
                judged_values[key] = _judge_value(name, value, plausible)
            verdict = judged_values[key]
            if verdict is not None:
                kind, priority = verdict
                yield _Hit(
                    v_start, v_end, kind, priority, _env_name(name), _label(name)
                )
                continue
        # "Your API key is <token>": a random token shortly after a credential word.
        window = text[end : end + 40].split("\n", 1)[0]
        for token in ENTROPY_TOKEN.finditer(window):
            value = token.group(0)
            if len(value) >= 20 and _random_token(value):
                yield _Hit(
                    end + token.start(),
                    end + token.end(),
                    HIGH_ENTROPY,
                    4,
                    _env_name(name),
                )
                break


def _judge_value(
    name: str, value: str, plausible: Any = None
) -> tuple[str, int] | None:
    """The kind and priority of a value bound to a credential name, or None.

    ``plausible``, when given, is a further test the value must pass (prose mode).
    """
    judged = credential_name(name)
    if judged is None or is_placeholder(value, name):
        return None
    if plausible is not None and not plausible(value.strip()):
        return None
    strength, kind = judged
    if strength == "strong":
        return kind, 3
    if _random_token(value.strip()):
        return HIGH_ENTROPY, 4
    return None


def _resolve(hits: Iterable[_Hit]) -> list[_Hit]:
    """Keep the most specific of overlapping hits."""
    accepted: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.priority, h.start, -(h.end - h.start))):
        if any(hit.start < other.end and other.start < hit.end for other in accepted):
            continue
        accepted.append(hit)
    accepted.sort(key=lambda h: (h.start, h.priority))
    return accepted


def _text_hits(text: str, keywords: bool = True, prose: bool = False) -> list[_Hit]:
    hits = [*_known_hits(text), *_pem_hits(text), *_url_hits(text)]
    if keywords:
        hits.extend(_keyword_hits(text, prose))
    return hits


def _to_matches(text: str, hits: Iterable[_Hit]) -> list[SecretMatch]:
    lines = _Lines(text)
    found = []
    for hit in hits:
        line, column, end_line, end_column = lines.span(hit.start, hit.end)
        literal = None
        if hit.literal is not None:
            literal = lines.span(*hit.literal)
        found.append(
            SecretMatch(
                hit.kind,
                line,
                column,
                end_line,
                end_column,
                hit.target,
                literal,
                hit.env,
                hit.rewrite,
            )
        )
    return found


def scan_text(
    text: str, *, limit: int = MAX_TEXT_CHARS, prose: bool = True
) -> list[SecretMatch]:
    """Secrets in free text (an output, a markdown cell).

    Only the first ``limit`` characters are scanned; ANSI colour codes are ignored. With
    ``prose`` (the default), a value bound to a credential word only counts when it is
    :func:`plausible_credential`; known token formats, private keys and credentialed URLs
    always count.
    """
    text = _clean(text[:limit])
    return _to_matches(text, _resolve(_text_hits(text, prose=prose)))


def has_secret(text: str, *, limit: int = MAX_TEXT_CHARS) -> bool:
    """Whether :func:`scan_text` finds anything, strictly (the exporter's last-line check:
    ``password=...`` counts whatever the value looks like)."""
    return bool(scan_text(text, limit=limit, prose=False))


def redact(text: str, *, limit: int = MAX_TEXT_CHARS, mask: str = "[REDACTED]") -> str:
    """``text`` with every secret :func:`scan_text` finds replaced by ``mask``.

    Text beyond ``limit`` is dropped, since it was not scanned.
    """
    text = _clean(text[:limit])
    out: list[str] = []
    position = 0
    for hit in _resolve(_text_hits(text)):
        out.append(text[position : hit.start])
        out.append(mask)
        position = hit.end
    out.append(text[position:])
    return "".join(out)


#: The payload of a ``data:...;base64,`` URI (an inline image, video or font in HTML).
DATA_URI = re.compile(r"(?<=;base64,)[A-Za-z0-9+/=]{64,}")


def _clean(text: str) -> str:
    """``text`` without ANSI colour codes, and with inline base64 payloads blanked (same
    length): media bytes are not credentials, and their random-looking runs next to a
    ``Key``-like fragment would read as one."""
    if "\x1b" in text:
        text = ANSI.sub("", text)
    if ";base64," in text:
        text = DATA_URI.sub(lambda m: " " * len(m.group(0)), text)
    return text


# ----------------------------------------------------------------------- JSON values


@dataclass(frozen=True)
class JsonFinding:
    """A secret in a JSON value: the printable key path and the kind (no value)."""

    path: str
    kind: str


def scan_json(value: Any, *, limit: int = MAX_TEXT_CHARS) -> list[JsonFinding]:
    """Secrets in any string of a JSON value (metadata, JSON outputs), keys included.

    A string under a credential key (``{"password": "..."}``) counts like an assignment.
    At most ``limit`` characters of strings, :data:`MAX_JSON_NODES` nodes and
    :data:`MAX_JSON_DEPTH` levels are scanned. All strings are scanned as one text, so
    the cost does not grow with the number of small strings.
    """
    entries: list[tuple[str, str | None, str]] = []  # (path, key, text)
    budget = [limit, MAX_JSON_NODES]
    _collect_json(value, [], None, 0, budget, entries)
    starts: list[int] = []
    position = 0
    for _path, _key, text in entries:
        starts.append(position)
        position += len(text) + 1
    joined = "\n".join(text for _path, _key, text in entries)
    by_entry: dict[int, list[str]] = {}
    for hit in _resolve(_text_hits(joined)):
        by_entry.setdefault(bisect.bisect_right(starts, hit.start) - 1, []).append(
            hit.kind
        )
    found: list[JsonFinding] = []
    for index, (path, key, text) in enumerate(entries):
        kinds = by_entry.get(index, [])
        judged = credential_name(key) if key else None
        if not kinds and judged is not None and not is_placeholder(text, key):
            strength, kind = judged
            if strength == "strong" or _random_token(text.strip()):
                kinds = [kind]
        found.extend(JsonFinding(path, kind) for kind in kinds)
    return list(dict.fromkeys(found))


def article(kind: str) -> str:
    """``kind`` with its indefinite article: "an AWS access key ID", "a password"."""
    return (
        "an " if kind[:1].lower() in "aeio" or kind.startswith("npm") else "a "
    ) + kind


def _collect_json(
    value: Any,
    path: list[str],
    key: str | None,
    depth: int,
    budget: list[int],
    entries: list[tuple[str, str | None, str]],
) -> None:
    budget[1] -= 1
    if budget[1] < 0 or budget[0] <= 0 or depth > MAX_JSON_DEPTH:
        return
    if isinstance(value, str):
        text = _clean(value[: budget[0]])
        budget[0] -= len(text) + 1
        entries.append((_json_path(path), key, text))
    elif isinstance(value, Mapping):
        for k, v in value.items():
            name = str(k)[:200]
            budget[0] -= len(name) + 1
            entries.append((_json_path(path), None, name))  # keys can hold secrets too
            _collect_json(v, [*path, name], name, depth + 1, budget, entries)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _collect_json(item, [*path, f"[{i}]"], key, depth + 1, budget, entries)


def _json_path(path: list[str]) -> str:
    parts: list[str] = []
    for part in path:
        if part.startswith("["):
            parts.append(part)
        else:
            label = (
                _label(part) if re.fullmatch(r"[A-Za-z0-9_.\-]{1,40}", part) else None
            )
            parts.append(("." if parts else "") + (label or "…"))
    return "".join(parts) or "(root)"


# ------------------------------------------------------------------- Python sources


_QUOTED = re.compile(r"^[rRbBuU]{0,2}(['\"])")

#: ``(start, end, target, fixable, value, context_free_ok)`` of one string literal.
_Literal = tuple[int, int, str | None, bool, str, bool]


def scan_source(
    source: str,
    tree: ast.Module | None = None,
    python: str | None = None,
    line_map: tuple[int, ...] | None = None,
) -> list[SecretMatch]:
    """Secrets in a code cell's source, with what each is bound to when it is Python.

    ``tree``, ``python`` and ``line_map`` are the cell's parse (see
    :class:`nbprod.analysis.ParsedCell`). With them, string literals bound to credential
    names count (``password = "..."``, ``connect(password="...")``,
    ``{"api_key": "..."}``, ``auth=("user", "...")``), random-looking literals count
    unless they are in a hash or checksum context, and so do secrets in the literal parts
    of f-strings, ``+`` concatenations, ``%`` and ``.format`` templates and bytes
    (:mod:`._forms`). Matches record how to move the secret to the environment
    (``rewrite``). Comments, magics, shell lines and unparsable cells are scanned as text.
    """
    from . import _forms
    from ._rewrite import whole

    text = source[:MAX_TEXT_CHARS]
    lines = _Lines(text)
    hits = [*_known_hits(text), *_pem_hits(text), *_url_hits(text)]
    literals: list[_Literal] = []
    rendered: list[_forms.Rendered] = []
    lazy: list[ast.AST] = []  # string expressions rendered only if a hit falls in one
    locate: Any = None
    python_lines: set[int] = set()
    if tree is not None and len(source) <= MAX_TEXT_CHARS:
        python_lines = _python_lines(lines, python, line_map)
        parents, strings, roots = _walk(tree)
        locate = _locator(text, lines, python, line_map)
        literals = list(_literals(strings, parents, text, locate))
        for root in roots:
            parent = parents.get(id(root))
            if isinstance(parent, ast.MatchValue):
                continue  # a pattern cannot become a lookup
            if isinstance(root, ast.Constant) and isinstance(root.value, str):
                lazy.append(root)  # judged by the literal checks below
                continue
            target = _context(root, parent, parents)[0] if parent else None
            if target is not None and target.startswith("os.environ:"):
                continue
            where = locate(root)
            if where is None:
                continue
            bound = target is not None and credential_name(target) is not None
            if not bound and "://" not in text[where[0] : where[1]]:
                lazy.append(root)
                continue
            shown = _forms.render(root, text, locate)
            rendered.append(shown)
            hits.extend(_forms.hits(shown, target if bound else None, False))
    for hit in _keyword_hits(text):
        line = lines.position(hit.start)[0]
        if line not in python_lines or lines.lines[line - 1].lstrip().startswith("#"):
            hits.append(hit)
    for start, end, target, _fixable, value, context_free in literals:
        if any(start <= h.start and h.end <= end for h in hits):
            continue
        judged = credential_name(target) if target else None
        if judged is not None and not is_placeholder(value, target):
            strength, kind = judged
            if strength == "strong" or _random_token(value.strip()):
                hits.append(
                    _Hit(start, end, kind, 3, _env_name(target or kind), target)
                )
                continue
        if context_free and judged is None and _looks_random(value.strip()):
            hits.append(_Hit(start, end, HIGH_ENTROPY, 4, "SECRET", target))
    attached: list[_Hit] = []
    for hit in _resolve(hits):
        for start, end, target, fixable, value, _ in literals:
            if hit.rewrite is not None:
                break  # placed by _forms, with its own name
            if start <= hit.start and hit.end <= end:
                whole_literal = fixable and (
                    (hit.start, hit.end) == (start, end)
                    or not re.search(r"\s", value.strip())
                )
                hit = replace(
                    hit,
                    target=_label(target) if target else hit.target,
                    literal=(start, end) if whole_literal else None,
                    env=_fix_env(hit, target),
                )
                if whole_literal and hit.rewrite is None:
                    hit = replace(hit, rewrite=_whole_rewrite(text, start, end, whole))
                break
        if hit.rewrite is None:
            found = _part_rewrite(rendered, lazy, hit, text, locate)
            hit = replace(hit, rewrite=found)
        attached.append(hit)
    return _to_matches(text, attached)


def _whole_rewrite(text: str, start: int, end: int, whole: Any) -> Any:
    from ._strings import Literal, lex

    tokens = lex(text, start, end)
    return whole(Literal(start, end, tokens)) if tokens else None


def _part_rewrite(
    rendered: list[Any], lazy: list[ast.AST], hit: _Hit, text: str, locate: Any
) -> Any:
    """The rewrite of a hit inside one literal run of a string expression, if any."""
    from . import _forms

    for shown in rendered:
        found = _forms.rewrite_at(shown, hit.start, hit.end)
        if found is not None:
            return found
    for root in lazy:
        where = locate(root)
        if where is not None and where[0] <= hit.start and hit.end <= where[1]:
            shown = _forms.render(root, text, locate)
            found = _forms.rewrite_at(shown, hit.start, hit.end)
            if found is not None:
                return found
    return None


def _fix_env(hit: _Hit, target: str | None) -> str:
    """The variable to read: from the bound name, or the token's usual one."""
    generic = {"token", "key", "api", "secret", "access", "auth", "password", "pwd"}
    if target and not (hit.priority == 0 and set(_words(target)) <= generic):
        name = _env_name(target)
        if name != "SECRET":
            return name
    return hit.env


def _python_lines(
    lines: _Lines, python: str | None, line_map: tuple[int, ...] | None
) -> set[int]:
    """Source lines that are Python as written (not rewritten magics or shell lines)."""
    if line_map is None or python is None:
        return set(range(1, len(lines.lines) + 1))
    found = set()
    src = [line.rstrip("\r\n") for line in lines.lines]
    for number, py_line in enumerate(python.splitlines(), start=1):
        source_line = line_map[number - 1] if number <= len(line_map) else 0
        if 1 <= source_line <= len(src) and src[source_line - 1] == py_line:
            found.add(source_line)
    return found


#: Node types that can be the root of a string expression (see ``_strings``).
_STRING_ROOTS = (ast.Constant, ast.JoinedStr, ast.BinOp, ast.Call)


def _walk(
    tree: ast.AST,
) -> tuple[dict[int, ast.AST], list[ast.Constant], list[ast.AST]]:
    """One walk of a cell's tree: the parent of every node, the string and bytes
    literals of 4+ characters, and the outermost string expressions."""
    from ._strings import is_part, is_stringish

    parents: dict[int, ast.AST] = {}
    strings: list[ast.Constant] = []
    roots: list[ast.AST] = []
    stack: list[ast.AST] = [tree]
    while stack:
        current = stack.pop()
        for child in ast.iter_child_nodes(current):
            parents[id(child)] = current
            if isinstance(child, ast.Constant):
                value = child.value
                if isinstance(value, str | bytes):
                    if len(value) >= 4:
                        strings.append(child)
                    if not is_part(child, current):
                        roots.append(child)
                continue
            stack.append(child)
            if (
                isinstance(child, _STRING_ROOTS)
                and is_stringish(child)
                and not is_part(child, current)
            ):
                roots.append(child)
    return parents, strings, roots


def _locator(
    text: str, lines: _Lines, python: str | None, line_map: tuple[int, ...] | None
) -> Any:
    """A function giving a node's offsets in ``text`` (None on a line IPython rewrote)."""
    py_lines = python.splitlines() if line_map is not None and python else None

    def locate(node: ast.AST) -> tuple[int, int] | None:
        line = getattr(node, "lineno", None)
        end_line = getattr(node, "end_lineno", None)
        if line is None or end_line is None:
            return None
        if py_lines is not None and line_map is not None:
            mapped = [
                line_map[n - 1] if 0 < n <= len(line_map) else 0
                for n in (line, end_line)
            ]
            if end_line - line != mapped[1] - mapped[0] or not all(
                0 < m <= len(lines.lines)
                and 0 < n <= len(py_lines)
                and py_lines[n - 1] == lines.lines[m - 1].rstrip("\r\n")
                for n, m in zip((line, end_line), mapped, strict=True)
            ):
                return None  # on a line IPython rewrote: no exact position
            line, end_line = mapped
        start = lines.offset(line, lines.char_column(line, node.col_offset))  # type: ignore[attr-defined]
        end = lines.offset(
            end_line, lines.char_column(end_line, node.end_col_offset or 0)  # type: ignore[attr-defined]
        )
        return start, end

    return locate


def _literals(
    strings: list[ast.Constant],
    parents: Mapping[int, ast.AST],
    text: str,
    locate: Any,
) -> Iterator[_Literal]:
    """The string literals of a cell with their binding and fix-ability.

    Bytes literals count as their Latin-1 text; parts of f-strings are left to
    :mod:`._forms`.
    """
    strings.sort(key=lambda n: (n.lineno, n.col_offset))
    for node in strings:
        parent = parents.get(id(node))
        if isinstance(parent, (ast.JoinedStr, ast.FormattedValue)):
            continue
        where = locate(node)
        if where is None:
            continue
        start, end = where
        if not _QUOTED.match(text[start : start + 3]) or text[end - 1 : end] not in {
            "'",
            '"',
        }:
            continue
        target, hashy = _context(node, parent, parents)
        fixable = not isinstance(parent, ast.MatchValue | ast.Expr) and not (
            isinstance(parent, ast.Dict) and any(k is node for k in parent.keys)
        )
        if target is not None and target.startswith("os.environ:"):
            target, fixable = target.split(":", 1)[1], False
        is_doc = isinstance(parent, ast.Expr)
        raw = node.value
        value = raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)
        yield start, end, target, fixable, value, not (hashy or is_doc)


def _name_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            if _dotted(node.value) in {"os.environ", "environ"}:
                return "os.environ:" + key.value
            return key.value
    return None


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


_HASHY = re.compile(r"(?i)hexdigest|digest|hashlib|hash|sha\d|md5|checksum|crc")


def _hashy(node: ast.AST) -> bool:
    """Whether an expression computes or names a hash (``hashlib.sha256(b).hexdigest()``)."""
    for _ in range(6):
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            if _HASHY.search(node.attr):
                return True
            node = node.value
        elif isinstance(node, ast.Name):
            return bool(_HASHY.search(node.id))
        else:
            return False
    return False


def _context(
    node: ast.AST, parent: ast.AST | None, parents: Mapping[int, ast.AST]
) -> tuple[str | None, bool]:
    """The name a literal is bound to, and whether it sits in a hash/checksum context."""
    # ``auth=("user", "secret")``: the tuple's second item is the password.
    if (
        isinstance(parent, ast.Tuple)
        and len(parent.elts) == 2
        and parent.elts[1] is node
    ):
        owner = _binding_name(parent, parents.get(id(parent)))
        if owner and "auth" in _words(owner.split(":")[-1]):
            return "password", False
    target = _binding_name(node, parent) if parent is not None else None
    hashy = False
    if isinstance(parent, ast.Compare):
        hashy = any(_hashy(e) for e in (parent.left, *parent.comparators))
    elif isinstance(parent, ast.Call):
        hashy = _hashy(parent.func) or any(_hashy(a) for a in parent.args)
    elif isinstance(parent, ast.keyword):
        call = parents.get(id(parent))
        hashy = bool(parent.arg and _HASHY.search(parent.arg)) or (
            isinstance(call, ast.Call) and _hashy(call.func)
        )
    if target is not None and set(_words(target.split(":")[-1])) & _NOT_SECRET_NAME:
        hashy = True
    return target, hashy


def _binding_name(node: ast.AST, parent: ast.AST | None) -> str | None:
    if isinstance(parent, ast.Assign) and parent.value is node:
        names = [n for n in (_name_of(t) for t in parent.targets) if n]
        return names[0] if names else None
    if isinstance(parent, ast.AnnAssign | ast.AugAssign) and parent.value is node:
        return _name_of(parent.target)
    if isinstance(parent, ast.NamedExpr) and parent.value is node:
        return parent.target.id
    if isinstance(parent, ast.keyword) and parent.value is node:
        return parent.arg
    if isinstance(parent, ast.Dict):
        for key, value in zip(parent.keys, parent.values, strict=False):
            if (
                value is node
                and isinstance(key, ast.Constant)
                and isinstance(key.value, str)
            ):
                return key.value
    if (
        isinstance(parent, ast.Compare)
        and len(parent.ops) == 1
        and isinstance(parent.ops[0], ast.Eq | ast.NotEq)
    ):
        other = parent.left if parent.comparators[0] is node else parent.comparators[0]
        return _name_of(other)
    if isinstance(parent, ast.arguments):
        positional = [*parent.posonlyargs, *parent.args]
        with_defaults = positional[len(positional) - len(parent.defaults) :]
        for arg, default in zip(with_defaults, parent.defaults, strict=False):
            if default is node:
                return arg.arg
        for arg, kw_default in zip(parent.kwonlyargs, parent.kw_defaults, strict=False):
            if kw_default is node:
                return arg.arg
    if (
        isinstance(parent, ast.Call)
        and len(parent.args) == 2
        and parent.args[1] is node
    ):
        # ``os.environ.setdefault("TOKEN", "...")`` and ``os.putenv("TOKEN", "...")``.
        key = parent.args[0]
        if (
            _dotted(parent.func).endswith(("environ.setdefault", "putenv"))
            and isinstance(key, ast.Constant)
            and isinstance(key.value, str)
        ):
            return "os.environ:" + key.value
    return None


# --------------------------------------------------------------------------- helpers


def _label(name: str | None) -> str | None:
    """``name`` if it is safe to print: a short identifier that is not itself a secret."""
    if not name or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]{0,47}", name):
        return None
    if _text_hits(name, keywords=False) or _looks_random(name):
        return None
    return name


def _env_name(name: str) -> str:
    label = _label(name)
    if label is None:
        return "SECRET"
    words = _words(label)
    env = "_".join(words).upper()
    if not env:
        return "SECRET"
    return "_" + env if env[0].isdigit() else env


# ------------------------------------------------------------------------ outputs

#: Output MIME types scanned as text; everything else (images, audio, video, PDF and
#: other base64 binary data) is skipped.
TEXT_MIME = re.compile(
    r"^(?:text/.+|application/(?:json|javascript|x-javascript|xml|x-latex)"
    r"|application/.+\+json|application/.+\+xml)$"
)


def scan_output(output: Mapping[str, Any], *, limit: int = MAX_TEXT_CHARS) -> list[str]:
    """The kinds of secrets in one saved output (stream, rich data, or error).

    At most ``limit`` characters of the output are scanned, over all its text MIME types;
    image, audio, video and other binary (base64) data are never scanned.
    """
    texts: list[str] = []
    values: list[Any] = []
    budget = limit
    kind = output.get("output_type")

    def add(value: Any) -> None:
        nonlocal budget
        if budget <= 0:
            return
        if isinstance(value, list):
            value = "".join(v for v in value[:100_000] if isinstance(v, str))
        if isinstance(value, str):
            texts.append(value[:budget])
            budget -= len(texts[-1]) + 1

    if kind == "stream":
        add(output.get("text"))
    elif kind in {"execute_result", "display_data", "update_display_data"}:
        data = output.get("data")
        if isinstance(data, Mapping):
            for mime, value in data.items():
                if not isinstance(mime, str) or not TEXT_MIME.match(mime):
                    continue
                if isinstance(value, str | list) and not mime.endswith("json"):
                    add(value)
                elif budget > 0:
                    values.append(value)
                    budget -= 1
    elif kind == "error":
        add(output.get("ename"))
        add(output.get("evalue"))
        traceback = output.get("traceback")
        if isinstance(traceback, list):
            add("\n".join(t for t in traceback[:10_000] if isinstance(t, str)))
    found = [match.kind for match in scan_text("\n".join(texts), limit=limit)]
    for value in values:
        found.extend(
            f.kind for f in scan_json(value, limit=max(budget, 0) + limit // 4)
        )
    return list(dict.fromkeys(found))


def scan_source_urls(
    source: str,
    tree: ast.Module | None,
    python: str | None = None,
    line_map: tuple[int, ...] | None = None,
) -> list[SecretMatch]:
    """Credentialed URLs of a code cell, including those built by f-strings, ``+``,
    ``%`` and ``.format`` (a literal password with a host filled in at run time)."""
    found = scan_urls(source)
    if "://" not in source or tree is None or len(source) > MAX_TEXT_CHARS:
        return found
    composed = [m for m in scan_source(source, tree, python, line_map)]
    spans = [m.span for m in found]
    for match in composed:
        if match.kind == CREDENTIALED_URL and not any(
            s[:2] <= match.span[:2] and match.span[2:] <= s[2:] for s in spans
        ):
            found.append(match)
    return sorted(found, key=lambda m: m.span)


def scan_urls(text: str, *, limit: int = MAX_TEXT_CHARS) -> list[SecretMatch]:
    """Only the credentialed URLs of ``text`` (whatever else overlaps them)."""
    text = _clean(text[:limit])
    return _to_matches(text, _url_hits(text))
