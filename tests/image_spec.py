"""What the Dockerfile says the image is, read with dockerfile-parse, and its files laid out.

`ImageSpec` holds the facts a container runtime would act on: base image, workdir, the
environment, the user, the exposed port, the HEALTHCHECK and ENTRYPOINT/CMD argv, and
the COPY instructions. `lay_out_image_files` copies into a directory exactly the files
that the build would put under WORKDIR: the build context is the repository filtered by
.dockerignore (Docker's rules: patterns in order, the last match wins, a pattern that
matches a folder matches everything in it), then each COPY is applied to that context.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Copy:
    sources: tuple[str, ...]
    destination: str
    flags: tuple[str, ...]


@dataclass(frozen=True)
class ImageSpec:
    base_image: str
    workdir: str
    env: dict[str, str]
    user: str
    home: str
    exposed_ports: tuple[str, ...]
    healthcheck_options: tuple[str, ...]
    healthcheck: tuple[str, ...]
    command: tuple[str, ...]
    copies: tuple[Copy, ...]
    runs: tuple[str, ...] = field(default=())


def _exec_form(value: str, what: str) -> tuple[str, ...]:
    try:
        argv = json.loads(value)
    except json.JSONDecodeError as error:
        raise AssertionError(f"{what} must be in exec form (a JSON list): {value!r}") from error
    assert isinstance(argv, list), f"{what} must be a JSON list: {value!r}"
    return tuple(str(arg) for arg in argv)


def read_image_spec(dockerfile: Path = ROOT / "Dockerfile") -> ImageSpec:
    parser = DockerfileParser(str(dockerfile))
    found: dict[str, list[str]] = {}
    for instruction in parser.structure:
        found.setdefault(instruction["instruction"], []).append(instruction["value"])

    health = found["HEALTHCHECK"][-1]
    options, _, health_command = health.partition("CMD")
    runs = tuple(found.get("RUN", []))
    home = next((m.group(1) for run in runs if (m := re.search(r"--home-dir\s+(\S+)", run))), "/")
    command = _exec_form(found["ENTRYPOINT"][-1], "ENTRYPOINT")
    if "CMD" in found:
        command += _exec_form(found["CMD"][-1], "CMD")
    return ImageSpec(
        base_image=parser.baseimage or "",
        workdir=found["WORKDIR"][-1],
        env=dict(parser.envs),
        user=found["USER"][-1],
        home=home,
        exposed_ports=tuple(" ".join(found.get("EXPOSE", [])).split()),
        healthcheck_options=tuple(shlex.split(options)),
        healthcheck=_exec_form(health_command.strip(), "HEALTHCHECK CMD"),
        command=command,
        copies=tuple(_copy(value) for value in found.get("COPY", [])),
        runs=runs,
    )


def _copy(value: str) -> Copy:
    words = shlex.split(value)
    flags = tuple(word for word in words if word.startswith("--"))
    paths = [word for word in words if not word.startswith("--")]
    return Copy(sources=tuple(paths[:-1]), destination=paths[-1], flags=flags)


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as a regex over slash-separated paths (filepath.Match and **)."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            if pattern.startswith("/", i):
                out, i = out[:-2] + "(?:.*/)?", i + 1
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


Rule = tuple[bool, str, re.Pattern[str]]


def dockerignore_rules(path: Path = ROOT / ".dockerignore") -> list[Rule]:
    """(is_exception, pattern, regex) per pattern line, in order."""
    rules = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        pattern = str(PurePosixPath(line.lstrip("!").strip().strip("/")))
        rules.append((exception, pattern, _pattern_regex(pattern)))
    return rules


def is_in_context(relative: str, rules: list[Rule]) -> bool:
    parts = relative.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for exception, _pattern, regex in rules:
        if any(regex.match(prefix) for prefix in prefixes):
            excluded = not exception
    return not excluded


def build_context(root: Path = ROOT) -> list[str]:
    """Every file path (relative, slash-separated) that `docker build .` would send."""
    rules = dockerignore_rules(root / ".dockerignore")
    files = []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder).relative_to(root).as_posix()
        prefix = "" if here == "." else here + "/"
        # Like Docker, skip an excluded folder unless an exception may re-include inside it.
        subfolders[:] = [
            sub
            for sub in subfolders
            if is_in_context(prefix + sub, rules)
            or any(exc and pattern.startswith(prefix + sub + "/") for exc, pattern, _ in rules)
        ]
        files += [prefix + name for name in names if is_in_context(prefix + name, rules)]
    return sorted(files)


def image_files(spec: ImageSpec, context: list[str]) -> dict[str, str]:
    """Image path under WORKDIR -> context path, for every file the COPY lines bring in."""
    placed: dict[str, str] = {}
    for copy in spec.copies:
        many = len(copy.sources) > 1 or copy.destination.endswith("/")
        for source in copy.sources:
            source = source.rstrip("/")
            if source == ".":
                matches = {name: name for name in context}
            else:
                inside = {n: n[len(source) + 1 :] for n in context if n.startswith(source + "/")}
                matches = inside or {n: PurePosixPath(n).name for n in context if n == source}
            assert matches, f"COPY {source} matches nothing in the build context"
            for name, tail in matches.items():
                is_dir = name != source
                target = (
                    PurePosixPath(copy.destination) / tail
                    if is_dir or many
                    else PurePosixPath(copy.destination)
                )
                placed[str(PurePosixPath(".") / target)] = name
    return {str(PurePosixPath(key)): value for key, value in placed.items()}


def lay_out_image_files(spec: ImageSpec, target: Path, root: Path = ROOT) -> list[str]:
    """Copy what the image holds under WORKDIR into `target`; return the image paths."""
    files = image_files(spec, build_context(root))
    for image_path, context_path in files.items():
        destination = target / image_path
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / context_path, destination)
    return sorted(files)
