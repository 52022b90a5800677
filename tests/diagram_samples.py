"""Figure sources shared by the diagram tests."""

# The smallest valid figure: one stack, two apps on one piece of hardware.
MINIMAL = """\
title: {ko: 제목, en: Title}
description: {ko: 설명, en: Description}
stacks:
  - columns: 2
    layers:
      - - {label: {ko: 앱, en: App}, kind: app}
        - {label: {ko: 앱, en: App}, kind: app}
      - - {label: {ko: 하드웨어, en: Hardware}, kind: hardware, span: 2}
"""
