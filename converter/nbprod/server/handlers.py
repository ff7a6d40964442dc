"""REST handlers: parse the request, call nbprod's Python API, serialise the answer.

Every method is ``@tornado.web.authenticated`` and ``@authorized``; every path is confined
to the contents manager's root (:mod:`.paths`); every error reply is ``{"message": ...}``
without a traceback or an absolute server path.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tornado.ioloop
import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from ..errors import NbprodError, NotebookReadError
from .paths import PathRefused, resolve_inside

#: The authorization resource of every route (``jupyter_server`` permission model).
AUTH_RESOURCE = "nbprod"

#: Largest JSON body accepted (a notebook with its outputs).
MAX_BODY_BYTES = 64 * 1024 * 1024

_RULE_CODE = re.compile(r"^[A-Za-z0-9-]{1,64}$")


class BadRequest(NbprodError):
    """The request body is not what the route expects (answered with 400)."""


class NbprodHandler(APIHandler):
    """Shared parsing, confinement and error replies."""

    auth_resource = AUTH_RESOURCE

    @property
    def root_dir(self) -> str:
        return str(self.contents_manager.root_dir)

    def body(self, required: tuple[str, ...] = ("path",)) -> dict[str, Any]:
        raw = self.request.body or b""
        if len(raw) > MAX_BODY_BYTES:
            raise BadRequest(
                f"request body is larger than {MAX_BODY_BYTES // (1024 * 1024)} MB"
            )
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise BadRequest("request body must be a JSON object") from None
        if not isinstance(data, dict):
            raise BadRequest("request body must be a JSON object")
        missing = [key for key in required if key not in data]
        if missing:
            raise BadRequest(f"request body lacks the field(s) {', '.join(missing)}")
        return data

    def resolve(self, path: object, field: str = "path") -> tuple[str, Path]:
        return resolve_inside(self.root_dir, path, field=field)

    def reply_error(self, status: int, message: str) -> None:
        self.set_status(status)
        self.finish(json.dumps({"message": self.scrub(message)}))

    def scrub(self, message: str) -> str:
        """Remove the server's absolute root from a message."""
        root = self.root_dir
        resolved = str(Path(root).resolve())
        for prefix in sorted({root, resolved}, key=len, reverse=True):
            message = message.replace(prefix + "/", "").replace(prefix, ".")
        return message

    async def guarded(self, work: Callable[[], Any]) -> None:
        """Run ``work`` in a thread (lint is CPU-bound) and map errors to replies."""
        try:
            result = await tornado.ioloop.IOLoop.current().run_in_executor(None, work)
        except (BadRequest, PathRefused) as exc:
            self.reply_error(400, str(exc))
        except ExportUnavailable as exc:
            self.reply_error(501, str(exc))
        except FileNotFoundError as exc:
            self.reply_error(404, str(exc) or "file not found")
        except NotebookReadError as exc:
            self.reply_error(400, f"not a readable notebook: {exc}")
        except NbprodError as exc:
            self.reply_error(400 if not _is_crash(exc) else 500, str(exc))
        except Exception:
            self.log.exception("nbprod: unexpected error")
            self.reply_error(
                500, "nbprod failed unexpectedly; the server log has details"
            )
        else:
            self.finish(json.dumps(result))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # Never a traceback in a reply, whatever the server's debug settings.
        reason = self._reason if status_code != 500 else "internal error"
        self.finish(json.dumps({"message": reason}))


def _is_crash(exc: Exception) -> bool:
    from ..lint.api import RuleCrashed

    return isinstance(exc, RuleCrashed)


def _strings(data: dict[str, Any], key: str) -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRequest(f"'{key}' must be a list of strings")
    return value


def _notebook_field(data: dict[str, Any]) -> dict[str, Any] | None:
    notebook = data.get("notebook")
    if notebook is None:
        return None
    if not isinstance(notebook, dict):
        raise BadRequest("'notebook' must be an nbformat JSON object")
    return notebook


def _config_within(root: Path, notebook: Path) -> Any:
    """The ``[tool.nbprod]`` config of the nearest pyproject.toml, never above the root."""
    from ..lint.config import Config, parse_config

    root = root.resolve()
    folder = notebook.parent
    while folder == root or folder.is_relative_to(root):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and pyproject.resolve().is_relative_to(root):
            try:
                table = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                raise BadRequest(
                    f"{pyproject.relative_to(root)} is not valid TOML"
                ) from None
            nbprod = table.get("tool", {}).get("nbprod")
            if isinstance(nbprod, dict):
                source = pyproject.relative_to(root)
                return parse_config(nbprod, root=folder, source=source)
        if folder == root:
            break
        folder = folder.parent
    return Config()


def lint_request(
    root_dir: str, data: dict[str, Any], select: list[str] | None = None
) -> tuple[str, Any]:
    """Lint the notebook of a request (the sent JSON, or the file at ``path``); returns
    the relative path and the :class:`~nbprod.lint.api.LintReport`."""
    from ..lint.api import lint_report

    relative, target = resolve_inside(root_dir, data["path"])
    notebook = _notebook_field(data)
    if select is None:
        select = _strings(data, "select")
    ignore = _strings(data, "ignore") or []
    if notebook is None:
        if not target.is_file():
            raise FileNotFoundError(f"no notebook at {relative}")
        source: Any = target
    else:
        source = notebook
    config = _config_within(Path(root_dir), target)
    # The absolute path makes per-file-ignores match; replies carry the relative one.
    report = lint_report(
        source, path=str(target), select=select, ignore=ignore, config=config
    )
    return relative, report


class LintHandler(NbprodHandler):
    """``POST /nbprod/lint``: ``{"path", "notebook"?, "select"?, "ignore"?}`` ->
    ``{"findings", "crashes"}`` (a ``LintReply``): a rule that crashed is listed in
    ``crashes`` and the other rules' findings are all there."""

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        def work() -> dict[str, list[dict[str, Any]]]:
            data = self.body()
            relative, report = lint_request(self.root_dir, data)
            findings = []
            for diagnostic in report.findings:
                finding = diagnostic.to_json()
                finding["path"] = relative
                finding["message"] = self.scrub(finding["message"])
                findings.append(finding)
            crashes = [{**c.to_json(), "path": relative} for c in report.crashes]
            return {"findings": findings, "crashes": crashes}

        await self.guarded(work)


class RulesHandler(NbprodHandler):
    """``GET /nbprod/rules``: every active rule; ``GET /nbprod/rules/CODE``: its docs."""

    @tornado.web.authenticated
    @authorized
    async def get(self, code: str | None = None) -> None:
        from ..lint.registry import active_rules, get_rule

        if code is None:
            self.finish(json.dumps([rule.to_json() for rule in active_rules()]))
            return
        rule = get_rule(code) if _RULE_CODE.match(code) else None
        if rule is None:
            self.reply_error(404, "no such rule; GET /nbprod/rules lists them")
            return
        self.finish(json.dumps(rule.to_json(doc=True)))


class FixHandler(NbprodHandler):
    """``POST /nbprod/fix``: ``{"path", "notebook", "code", "cell_id", "line"?,
    "column"?}`` -> the changes of that finding's quick fix."""

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        def work() -> dict[str, Any]:
            from ..lint.api import RuleCrashed
            from ..lint.fixes import apply_fix

            data = self.body(("path", "notebook", "code", "cell_id"))
            code, cell_id = data["code"], data["cell_id"]
            if not isinstance(code, str) or not _RULE_CODE.match(code):
                raise BadRequest("'code' must be a rule code such as NBP061")
            if cell_id is not None and not isinstance(cell_id, str):
                raise BadRequest("'cell_id' must be a string or null")
            position = {k: data.get(k) for k in ("line", "column")}
            for key, value in position.items():
                if value is not None and (
                    not isinstance(value, int) or isinstance(value, bool)
                ):
                    raise BadRequest(f"'{key}' must be an integer")
            if _notebook_field(data) is None:
                raise BadRequest("'notebook' must be an nbformat JSON object")
            _, report = lint_request(self.root_dir, data, select=[code])
            if report.crashes:
                raise RuleCrashed(report)
            for diagnostic in report.findings:
                if (
                    diagnostic.code == code.upper()
                    and diagnostic.cell_id == cell_id
                    and diagnostic.fix is not None
                    and all(
                        value is None or getattr(diagnostic, key) == value
                        for key, value in position.items()
                    )
                ):
                    return apply_fix(data["notebook"], diagnostic).to_json()
            raise FileNotFoundError(
                f"no finding {code} with a quick fix on that cell; lint again"
            )

        await self.guarded(work)


class ExportUnavailable(NbprodError):
    """This nbprod has no exporter (answered with 501)."""


def _optional_bool(data: dict[str, Any], key: str) -> bool | None:
    value = data.get(key)
    if value is not None and not isinstance(value, bool):
        raise BadRequest(f"'{key}' must be true or false")
    return value


class ExportHandler(NbprodHandler):
    """``POST /nbprod/export``: ``{"path", "output"?, "name"?, "force"?, "report"?,
    "repin"?, "dry_run"}``.

    With ``dry_run`` nothing is written: the reply lists every file with what would
    happen to it and the unified diff against the folder. Without, the package is
    written (conflicts are reported, never overwritten). An option left out (or null)
    takes the value the package in ``output`` was exported with, as on the command line;
    one that differs from it is listed in ``changes``. ``repin`` pins the dependencies
    to the server's environment instead of the versions the package records.
    """

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        def work() -> Any:
            import nbprod

            data = self.body()
            dry_run = data.get("dry_run", True)
            if not isinstance(dry_run, bool):
                raise BadRequest("'dry_run' must be true or false")
            force = _optional_bool(data, "force")
            report = _optional_bool(data, "report")
            repin = _optional_bool(data, "repin") or False
            name = data.get("name")
            if name is not None and not isinstance(name, str):
                raise BadRequest("'name' must be a string")
            relative, notebook = self.resolve(data["path"])
            output = data.get("output")
            if output is None:
                output = f"{relative.rsplit('.', 1)[0]}_pipeline"
            output_relative, out_dir = self.resolve(output, "output")
            export = getattr(nbprod, "export", None)
            if export is None:
                raise ExportUnavailable(
                    "Productionize is not available in this version of nbprod: "
                    "the exporter (nbprod.export) is missing. Lint findings and "
                    "quick fixes work; update nbprod to export."
                )
            if not notebook.is_file():
                raise FileNotFoundError(f"no notebook at {relative}; save it first")
            result = export(
                notebook,
                out_dir,
                name=name or None,
                force=force,
                report=report,
                repin=repin,
                diff=dry_run,
            )
            return {
                "output": output_relative,
                "package": result.package,
                "written": result.written,
                "differs": result.differs,
                "files": [
                    {"path": o.path, "status": o.status} for o in result.outcomes
                ],
                "conflicts": list(result.conflicts),
                "changes": [
                    {
                        "option": c.option,
                        "recorded": c.recorded,
                        "given": c.given,
                        "message": c.message,
                    }
                    for c in result.changes
                ],
                "notes": [self.scrub(note) for note in result.notes],
                "diff": self.scrub(result.diff),
            }

        await self.guarded(work)


def setup_handlers(web_app: Any) -> None:
    base = url_path_join(web_app.settings["base_url"], "nbprod")
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "lint"), LintHandler),
            (url_path_join(base, "rules"), RulesHandler),
            (url_path_join(base, "rules", r"([^/]+)"), RulesHandler),
            (url_path_join(base, "fix"), FixHandler),
            (url_path_join(base, "export"), ExportHandler),
        ],
    )
