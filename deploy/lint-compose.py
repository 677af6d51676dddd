"""The checks of compose.yaml that its JSON schema cannot make (deploy/check runs both).

The schema says each part has the right shape; this says the parts agree: every service a
`depends_on` names exists, every named volume is declared, every file mounted from the repository
exists, and every variable interpolated from deploy/.env is documented in .env.example (or has a
default), with well-formed `${...}` syntax. Exit status 1 and one line per finding otherwise.

Usage: python3 lint-compose.py COMPOSE_FILE ENV_EXAMPLE
"""

import re
import sys
from pathlib import Path

import yaml

# Compose's interpolation: `$$` is a literal dollar; `${NAME}`, `${NAME:-default}`,
# `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`, `${NAME:+other}`, or `$NAME`.
BRACED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])[^}]*)?\}")
BARE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def strings(node):
    """Every string in the document, keys and values."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings(key)
            yield from strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)
    elif isinstance(node, str):
        yield node


def interpolation_findings(text, documented):
    """Malformed `${` and variables without a default that .env.example does not list."""
    text = text.replace("$$", "")
    for match in BRACED.finditer(text):
        name, operator = match.group(1), match.group(2)
        if operator in (None, "?", ":?") and name not in documented:
            yield f"${{{name}}} has no default and is not in .env.example"
    rest = BRACED.sub("", text)
    if "${" in rest:
        yield f"malformed interpolation in {text!r}"
    for name in BARE.findall(rest):
        if name not in documented:
            yield f"${name} has no default and is not in .env.example"


def main(compose_path, env_example_path):
    compose_file = Path(compose_path)
    document = yaml.safe_load(compose_file.read_text())
    documented = {
        line.lstrip("# ").split("=", 1)[0].strip()
        for line in Path(env_example_path).read_text().splitlines()
        if "=" in line
    }
    findings = []
    for text in set(strings(document)):
        findings.extend(interpolation_findings(text, documented))

    services = document.get("services", {})
    declared_volumes = set((document.get("volumes") or {}).keys())
    for name, service in services.items():
        depends_on = service.get("depends_on", {})
        for dependency in depends_on:
            if dependency not in services:
                findings.append(f"{name} depends on {dependency}, which is not a service")
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source")
            if source.startswith((".", "/")):
                if not (compose_file.parent / source).exists():
                    findings.append(f"{name} mounts {source}, which does not exist")
            elif source not in declared_volumes:
                findings.append(f"{name} uses volume {source}, which is not declared")

    for finding in sorted(set(findings)):
        print(f"{compose_path}: {finding}")
    return 1 if findings else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
