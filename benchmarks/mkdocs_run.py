"""Run the ``mkdocs`` command in this process, for the benchmark's builds and previews.

    python benchmarks/mkdocs_run.py [--no-pdf] [--profile OUT.prof] -- build -f mkdocs.yml

``--no-pdf`` hides WeasyPrint, so Casebook writes no catalogue PDFs (the reference has none either);
``--profile`` runs the command under cProfile and writes its statistics to OUT.prof.
"""

from __future__ import annotations

import sys

# Run as a script, this folder is first on sys.path; nothing here should shadow what MkDocs imports.
if sys.path and sys.path[0].rstrip("/").endswith("benchmarks"):
    sys.path.pop(0)

import argparse  # noqa: E402
import cProfile  # noqa: E402
import os  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-pdf", action="store_true", help="build without the catalogue PDFs")
    parser.add_argument("--profile", metavar="OUT", help="write cProfile statistics here")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- and the mkdocs arguments")
    options = parser.parse_args()
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    if options.no_pdf:
        sys.modules["weasyprint"] = None  # type: ignore[assignment]  # `import weasyprint` raises ImportError
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.__main__ import cli

    def run() -> int:
        try:
            cli.main(args=args, prog_name="mkdocs", standalone_mode=False)
        except SystemExit as exit_:
            return int(exit_.code or 0)
        except Exception as error:  # click's own errors (Abort, usage) end the command like the CLI would
            print(f"mkdocs_run: {type(error).__name__}: {error}", file=sys.stderr)  # noqa: T201
            return 1
        return 0

    if not options.profile:
        return run()
    profiler = cProfile.Profile()
    code = profiler.runcall(run)
    profiler.dump_stats(options.profile)
    return code


if __name__ == "__main__":
    sys.exit(main())
