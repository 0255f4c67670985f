#!/usr/bin/env python3
"""Check a Qt Linguist .ts file: every message translated, none empty, and the
same %1..%9 / %n placeholders as its source (a lost %2 silently drops text).

Usage: check-translations.py FILE.ts   (exit 0 when clean, 1 with a list otherwise)
"""
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter

PLACEHOLDER = re.compile(r'%(?:L?[1-9]|n)')


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text or ''))


def forms(translation):
    """The translated texts: the numerus forms of a plural, else the text."""
    numerus = translation.findall('numerusform')
    if numerus:
        return [f.text or '' for f in numerus]
    return [translation.text or '']


def check(path):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return [f'{path}: cannot read: {e}'], 0
    count = 0
    for context in root.iter('context'):
        name = context.findtext('name') or ''
        filename = None
        for message in context.findall('message'):
            count += 1
            source = message.findtext('source') or ''
            # -locations relative names the file once per run of messages
            loc = message.find('location')
            if loc is not None and loc.get('filename'):
                filename = loc.get('filename')
            label = f'{filename or "?"} [{name}] "{source[:70]}"'
            translation = message.find('translation')
            if translation is None:
                problems.append(f'{label}: no translation')
                continue
            kind = translation.get('type')
            if kind in ('obsolete', 'vanished'):
                continue
            if kind == 'unfinished':
                problems.append(f'{label}: unfinished')
                continue
            want = placeholders(source)
            for text in forms(translation):
                if not text.strip():
                    problems.append(f'{label}: empty translation')
                elif placeholders(text) != want:
                    got = placeholders(text)
                    problems.append(f'{label}: placeholders differ: source {sorted(want.elements())}, '
                                    f'translation {sorted(got.elements())}')
    return problems, count


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems, count = check(argv[1])
    for p in problems:
        print(p)
    if problems:
        print(f'{argv[1]}: {len(problems)} problem(s) in {count} message(s)', file=sys.stderr)
        return 1
    print(f'{argv[1]}: {count} message(s), all translated')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
