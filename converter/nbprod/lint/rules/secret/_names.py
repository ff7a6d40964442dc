"""What names and values mean: credential names and placeholder values.

Shared by every detector of the ``secret`` rules (:mod:`._detect`, :mod:`._forms`):
whether a variable, keyword or key names a credential (``password``, ``api_key``,
``hf_token``; not ``token_count`` or ``password_hint``), and whether a value bound to one
is a placeholder (``"<your-key>"``, ``"${DB_PASSWORD}"``, ``"ZZZZZZZZ"``) or something
that could be a real credential.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

HIGH_ENTROPY = "high-entropy string"

# ------------------------------------------------------------------ credential names

_PASSWORD = {"password", "passwd", "pwd", "passphrase", "passcode"}
_SECRET = {"secret", "clientsecret", "secretkey", "secretaccesskey"}
_KEY_COMPOUND = {
    "apikey", "accesskey", "privatekey", "authkey", "encryptionkey", "masterkey",
    "signingkey", "clientkey", "consumerkey", "subscriptionkey", "licensekey", "appkey",
    "accountkey", "servicekey", "secretkey", "sshkey",
}  # fmt: skip
_KEY_PREFIX = {
    "api", "access", "private", "auth", "encryption", "master", "signing", "client",
    "consumer", "subscription", "license", "app", "account", "service", "secret", "ssh",
}  # fmt: skip
_TOKEN_COMPOUND = {
    "accesstoken",
    "authtoken",
    "apitoken",
    "refreshtoken",
    "bearertoken",
}
_CREDENTIAL = {"credential", "credentials", "creds", "authorization"}
_WEAK = {"key", "auth", "session", "cookie", "signature", "sig", "salt", "hmac", "dsn"}

#: Words that make a credential-looking name mean something else (``token_count``).
_DENY = {
    "name", "names", "id", "ids", "arn", "path", "paths", "file", "filename", "filepath",
    "dir", "directory", "url", "uri", "endpoint", "env", "environ", "var", "variable",
    "field", "fields", "label", "prompt", "length", "len", "type", "types", "count",
    "hint", "pattern", "regex", "policy", "manager", "param", "params", "format", "fmt",
    "template", "placeholder", "min", "max", "num", "size", "column", "col", "cols",
    "version", "expiry", "expires", "expiration", "ttl", "timeout", "required", "enabled",
    "mode", "location", "ref", "provider", "store", "vault", "scope", "scopes", "hash",
    "hashed", "digest", "checksum", "sha", "sha1", "sha256", "md5", "masked", "mask",
    "reset", "valid", "validator", "widget", "box", "input", "index", "idx", "strength",
    "rotation", "header", "headers", "class", "cls", "error", "errors",
    "message", "msg", "text", "help", "description", "desc", "doc", "key",
}  # fmt: skip
#: Extra words that make ``token`` mean a tokenizer token, not a credential.
_TOKEN_DENY = {
    "pad", "bos", "eos", "unk", "sep", "mask", "special", "start", "end", "new",
    "position", "embedding", "embeddings", "vocab", "prefix", "suffix", "budget", "usage",
    "per", "word", "words", "str", "offset", "offsets", "image", "decoder", "encoder",
    "stop", "eot", "sot", "chat", "total", "input", "output", "prompt", "completion",
    "limit", "cls", "tokens", "first", "last", "next", "prev", "sentence", "char",
}  # fmt: skip
_NOT_SECRET_NAME = {"hash", "hashed", "digest", "checksum", "sha", "sha1", "sha256",
                    "sha512", "md5", "crc", "etag", "integrity", "fingerprint", "id",
                    "ids", "uuid", "guid", "known", "expected"}  # fmt: skip


def _words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return [w for w in re.split(r"[^a-z0-9]+", spaced.lower()) if w]


@lru_cache(maxsize=4096)
def credential_name(name: str) -> tuple[str, str] | None:
    """Whether ``name`` names a credential: ``("strong", kind)``, ``("weak", kind)``, None.

    A strong name (``password``, ``api_key``, ``client_secret``, ``hf_token``) makes any
    non-placeholder value a secret; a weak one (``key``, ``session``) only a random one.
    """
    words = _words(name)
    if not words or len(words) > 8:
        return None
    joined = "".join(words)
    last = words[-1]
    deny = set(words) & _DENY
    if set(words) & _PASSWORD or joined in _PASSWORD or last in {"pass", "pw"}:
        return None if deny - {"key"} else ("strong", "password")
    if (
        joined in _KEY_COMPOUND
        or any(
            w == "key" and i > 0 and words[i - 1] in _KEY_PREFIX
            for i, w in enumerate(words)
        )
        or any(w in _KEY_COMPOUND for w in words)
    ):
        if deny - {"key"}:
            return None
        if set(words) & {"private", "privatekey", "ssh", "sshkey"}:
            return ("strong", "private key")
        if "aws" in words and set(words) & {"secret", "secretkey", "secretaccesskey"}:
            return ("strong", "AWS secret access key")
        if set(words) & {"secret", "secretkey", "signing", "encryption", "master"}:
            return ("strong", "secret key")
        return ("strong", "API key")
    if set(words) & _SECRET or joined in _SECRET:
        return None if deny else ("strong", "secret")
    if (
        "token" in words
        or joined in _TOKEN_COMPOUND
        or any(w in _TOKEN_COMPOUND for w in words)
    ):
        return None if deny or set(words) & _TOKEN_DENY else ("strong", "token")
    if "authorization" in words:
        return None if deny else ("strong", "authorization header")
    if set(words) & _CREDENTIAL:
        return None if deny else ("strong", "credential")
    if set(words) & _WEAK or joined in {"apikey"}:
        return (
            None
            if deny - {"key"} or set(words) & _NOT_SECRET_NAME
            else ("weak", HIGH_ENTROPY)
        )
    return None


_PLACEHOLDER_WORDS = {
    "none", "null", "nil", "undefined", "true", "false", "empty", "str", "string",
    "bytes", "int", "optional", "required", "changeme", "change_me", "change-me",
    "placeholder", "redacted", "hidden", "masked", "dummy", "example", "sample", "todo",
    "tbd", "fixme", "password", "passwd", "secret", "token", "key", "apikey", "api_key",
    "api-key", "access_token", "secret_key", "private_key", "credentials", "pass",
    "not_set", "notset", "unset", "any", "default", "value", "xxx", "getpass", "input",
    "env", "environ", "os.environ", "os.getenv", "prompt", "ask", "bearer", "basic",
}  # fmt: skip
_PLACEHOLDER = re.compile(
    r"(?ix)^(?:[x*•.\-_#?]+|<.*>|\[.*\]|\(.*\))$"
    r"|\*{3}|x{4}|\.\.\.|…|^%[sd]$"
    r"|^(?:your|my|the|enter|insert|replace|put|add|paste|fill)(?:[-_ ]|[A-Z])"
    r"|(?:[-_ ]|^)here$|^(?:os\.|getpass|input\(|env:|secret:|vault:)"
)
#: A template or environment reference inside a value: ``${VAR}``, ``{{ key }}``,
#: ``{password}``, ``{0}``, ``%(name)s``, ``%s``, ``$VAR``. A value is a placeholder when
#: what is left without them is (``"${DB_PASSWORD}"``, ``"{user}:{password}"``); a real
#: password that merely holds ``$`` or braces (``"$uperS3cret"``, ``"{Tr0ub4dor}"``) is not.
TEMPLATE_REF = re.compile(
    r"\$\{[^{}\n]{0,100}\}|\{\{[^{}\n]{0,100}\}\}|\{%[^{}\n]{0,100}%\}"
    r"|\{\s*(?:[A-Za-z_][\w.\[\]'\"]{0,60}|\d{0,2})\s*(?:![rsa])?(?::[^{}\n]{0,20})?\}"
    r"|%\([A-Za-z_]\w{0,60}\)[sdr]|%[sdr]\b|\$[A-Z_][A-Z0-9_]*\b"
)
_ENV_NAME_VALUE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
_PATH_VALUE = re.compile(
    r"^(?:[/~]|\.{1,2}/|[A-Za-z]:\\)|\\|^[\w.\-/]+\.(?:pem|json|key|txt|p12|pfx|crt|cer|"
    r"env|ya?ml|ini|cfg|toml|pkl|csv|gpg|asc|der|jks|keystore)$"
    # A relative path with a folder and an extension (``products/main/db_password.joblib``).
    r"|^(?:[\w\-]+/)+[\w\-]+\.[A-Za-z][A-Za-z0-9]{0,7}$",
    re.I,
)
_PYTHON_TYPES = {"str", "bytes", "int", "float", "bool", "dict", "list", "object",
                 "optional", "union", "any", "secretstr", "none"}  # fmt: skip


def is_placeholder(value: str, name: str | None = None) -> bool:
    """Whether a value bound to a credential name is a placeholder, not a credential."""
    v = value.strip()
    if len(v) < 4 or v.lower() in _PLACEHOLDER_WORDS or v.lower() in _PYTHON_TYPES:
        return True
    if v.isdigit() and len(v) < 6:
        return True
    if _repetitive(v):
        return True
    if _PLACEHOLDER.search(v) or _ENV_NAME_VALUE.match(v) or _PATH_VALUE.search(v):
        return True
    if TEMPLATE_REF.search(v):
        # What is left must pass for a credential on its own (``"{env}_db_2024"`` and
        # ``"{base}/api/v1/key"`` are names and paths).
        rest = TEMPLATE_REF.sub("", v).strip(" \t:;,@._-")
        return is_placeholder(rest) or not credential_part(rest)
    if name is not None and _words(v) == _words(name):
        return True
    if re.search(r"\s", v):
        # Prose ("Enter your password:") rather than a value.
        words = v.split()
        if len(words) >= 3 or v.endswith((":", "?", ".", "!")):
            return True
        if re.search(r"(?i)pass|token|secret|key", v):
            return True
    return False


#: Words joined by separators, with short numbers or versions (``prod_db_2024``).
_NAME_LIKE = re.compile(r"^[A-Za-z]+(?:[_\-.](?:[A-Za-z]+|\d{1,4}|[vV]\d{1,4}))+$")


def credential_part(value: str) -> bool:
    """Whether the literal part of a value composed at run time can be a credential.

    Stricter than a whole literal (``password = "hunter2"``): 8+ characters, no
    whitespace, letters and a digit or a symbol other than ``_-./``, and not words
    joined by separators (``base + "_suffix_v2"``, ``f"{env}_db_2024"`` are names).
    """
    core = value.strip("_-.")
    if len(core) < 8 or re.search(r"\s", core) or not re.search(r"[A-Za-z]", core):
        return False
    if _NAME_LIKE.match(core):
        return False
    return bool(re.search(r"[0-9]|[^A-Za-z0-9_\-./]", core))


def _repetitive(value: str) -> bool:
    """A filler, not a credential: one or two distinct characters (``ZZZZZZZZ``), a unit
    of up to 8 characters three or more times (``abcd1234abcd1234abcd1234``), or only
    runs of consecutive characters (``abcd1234``, ``0123456789abcdef``)."""
    if len(set(value.lower())) <= 2:
        return True
    for size in range(1, 9):
        count, rest = divmod(len(value), size)
        if count >= 3 and not rest and value[:size] * count == value:
            return True
    runs, run = [], 1
    for a, b in itertools.pairwise(value.lower()):
        if ord(b) == ord(a) + 1:
            run += 1
        else:
            runs.append(run)
            run = 1
    runs.append(run)
    return all(r >= 3 for r in runs)
