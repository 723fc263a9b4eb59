"""Vendor GraphiQL into the app: the pinned npm packages of this folder, copied as static files.

    .venv/bin/python .ci/graphiql/vendor.py

Installs exactly what ``package-lock.json`` pins (``npm ci``), copies the browser builds the page
needs into ``core/static/graphiql/vendor/`` with each package's licence, and writes
``core/static/graphiql/vendor/VERSIONS.json``: per file, its package, version, licence and
SHA-256. To update: change the versions in ``package.json``, run
``npm install --package-lock-only`` here, then this script, and commit the result (a test checks
the files against VERSIONS.json).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TARGET = ROOT / "core" / "static" / "graphiql" / "vendor"

FILES = (
    ("react", "umd/react.production.min.js", "react.production.min.js"),
    ("react-dom", "umd/react-dom.production.min.js", "react-dom.production.min.js"),
    ("graphiql", "graphiql.min.js", "graphiql.min.js"),
    ("graphiql", "graphiql.min.css", "graphiql.min.css"),
    ("@graphiql/plugin-explorer", "dist/index.umd.js", "plugin-explorer.umd.js"),
    ("@graphiql/plugin-explorer", "dist/style.css", "plugin-explorer.css"),
)
"""(npm package, file in it, name under vendor/)."""


def main() -> None:
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)
    modules = HERE / "node_modules"
    if TARGET.exists():
        shutil.rmtree(TARGET)
    (TARGET / "licenses").mkdir(parents=True)
    versions: dict[str, dict[str, str]] = {}
    for package, source, name in FILES:
        folder = modules / package
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        shutil.copyfile(folder / source, TARGET / name)
        licence = next(folder.glob("LICENSE*"), None)
        licence_name = f"{package.replace('/', '__')}.LICENSE"
        if licence is not None:
            shutil.copyfile(licence, TARGET / "licenses" / licence_name)
        else:  # the package states its licence in package.json only
            (TARGET / "licenses" / licence_name).write_text(
                f"{package} {meta['version']}: {meta['license']} (from its package.json; "
                f"{meta.get('repository', {}).get('url', '')})\n",
                encoding="utf-8",
            )
        versions[name] = {
            "package": package,
            "version": meta["version"],
            "license": meta["license"],
            "licenseFile": f"licenses/{licence_name}",
            "sha256": hashlib.sha256((TARGET / name).read_bytes()).hexdigest(),
        }
    (TARGET / "VERSIONS.json").write_text(
        json.dumps(versions, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"vendored {len(versions)} files into {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
