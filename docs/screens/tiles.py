"""Cut the screenshots make.py writes into tiles a reviewer can read at full size: desktop pages
into 1366x1000 slices, phone pages into 390x844 screens laid three side by side.

    .venv/bin/python docs/screens/tiles.py docs/screens /tmp/tiles
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for png in sorted(src.glob("*.png")):
    im = Image.open(png).convert("RGB")
    w, h = im.size
    stem = png.stem
    if w > 600:
        step = 1000
        n = (h + step - 1) // step
        for i in range(n):
            im.crop((0, i * step, w, min(h, (i + 1) * step))).save(out / f"{stem}__{i + 1}of{n}.png")
    else:
        step = 844
        screens = [im.crop((0, i * step, w, min(h, (i + 1) * step))) for i in range((h + step - 1) // step)]
        sheets = [screens[i : i + 3] for i in range(0, len(screens), 3)]
        for j, sheet in enumerate(sheets):
            canvas = Image.new("RGB", (3 * w + 40, step), (120, 120, 120))
            for k, s in enumerate(sheet):
                canvas.paste(s, (k * (w + 20), 0))
            canvas.save(out / f"{stem}__sheet{j + 1}of{len(sheets)}.png")
