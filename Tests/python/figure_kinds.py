"""Images of six known kinds, made for the annotation tests: bar, line and scatter plots and flow
diagrams drawn with Pillow, photographs and micrographs cut from scikit-image's bundled sample
pictures. Seeded: the same seed makes the same files."""
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

KINDS = ("bar", "line", "scatter", "flow", "photo", "micrograph")
PALETTE = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75), (0, 0, 0)]


def _axes(draw: ImageDraw.ImageDraw, w: int, h: int, rng: random.Random) -> tuple[int, int, int, int]:
    left, bottom, right, top = int(w * 0.12), int(h * 0.88), int(w * 0.95), int(h * 0.08)
    draw.line([(left, top), (left, bottom), (right, bottom)], fill=(0, 0, 0), width=2)
    for i in range(rng.randint(4, 8)):
        y = bottom - (bottom - top) * i // 6
        draw.line([(left - 6, y), (left, y)], fill=(0, 0, 0), width=1)
        draw.text((4, y - 6), str(i * rng.choice((1, 5, 10))), fill=(0, 0, 0))
    return left, bottom, right, top


def _canvas(rng: random.Random) -> tuple[Image.Image, ImageDraw.ImageDraw, int, int]:
    w, h = rng.randint(360, 640), rng.randint(280, 480)
    image = Image.new("RGB", (w, h), "white")
    return image, ImageDraw.Draw(image), w, h


def bar(rng: random.Random) -> Image.Image:
    image, draw, w, h = _canvas(rng)
    left, bottom, right, top = _axes(draw, w, h, rng)
    n = rng.randint(3, 10)
    slot = (right - left) / n
    colour = rng.choice(PALETTE)
    for i in range(n):
        height = rng.uniform(0.1, 0.95) * (bottom - top)
        x0 = left + i * slot + slot * 0.15
        draw.rectangle([x0, bottom - height, x0 + slot * 0.7, bottom - 1], fill=colour if rng.random() < 0.7 else rng.choice(PALETTE),
                       outline=(0, 0, 0))
    return image


def line(rng: random.Random) -> Image.Image:
    image, draw, w, h = _canvas(rng)
    left, bottom, right, top = _axes(draw, w, h, rng)
    for _ in range(rng.randint(1, 3)):
        y, points = rng.uniform(0.3, 0.7), []
        for x in np.linspace(left + 4, right, rng.randint(8, 40)):
            y = min(0.95, max(0.05, y + rng.gauss(0, 0.08)))
            points.append((x, bottom - y * (bottom - top)))
        draw.line(points, fill=rng.choice(PALETTE), width=rng.randint(2, 3))
    return image


def scatter(rng: random.Random) -> Image.Image:
    image, draw, w, h = _canvas(rng)
    left, bottom, right, top = _axes(draw, w, h, rng)
    slope, radius = rng.uniform(-1, 1), rng.randint(2, 4)
    for _ in range(rng.randint(60, 300)):
        u = rng.random()
        v = min(0.97, max(0.03, 0.5 + slope * (u - 0.5) + rng.gauss(0, 0.15)))
        x, y = left + 4 + u * (right - left - 8), bottom - v * (bottom - top)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=rng.choice(PALETTE[:3]))
    return image


def flow(rng: random.Random) -> Image.Image:
    image, draw, w, h = _canvas(rng)
    n = rng.randint(3, 6)
    boxes = []
    for i in range(n):
        cx, cy = w * (0.2 + 0.6 * rng.random()), h * (i + 0.5) / n
        bw, bh = w * rng.uniform(0.2, 0.35), h / n * 0.55
        boxes.append((cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2))
    for (x0, y0, x1, y1), nxt in zip(boxes, boxes[1:]):
        sx, sy, ex, ey = (x0 + x1) / 2, y1, (nxt[0] + nxt[2]) / 2, nxt[1]
        draw.line([(sx, sy), (ex, ey)], fill=(0, 0, 0), width=2)
        draw.polygon([(ex, ey), (ex - 5, ey - 9), (ex + 5, ey - 9)], fill=(0, 0, 0))
    for x0, y0, x1, y1 in boxes:
        draw.rectangle([x0, y0, x1, y1], outline=(0, 0, 0), width=2, fill=(255, 255, 255) if rng.random() < 0.6 else (230, 240, 255))
        for row in range(2):
            draw.text((x0 + 8, y0 + 6 + row * 12), "".join(rng.choice("abcdefgh n=123") for _ in range(14)), fill=(0, 0, 0))
    return image


def _crop(picture: np.ndarray, rng: random.Random) -> Image.Image:
    image = Image.fromarray(picture).convert("RGB")
    w, h = image.size
    share = rng.uniform(0.45, 0.9)
    cw, ch = int(w * share), int(h * share)
    x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
    image = image.crop((x, y, x + cw, y + ch))
    if rng.random() < 0.5:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    side = rng.randint(300, 600)
    return image.resize((side, int(side * ch / cw)))


def photo(rng: random.Random) -> Image.Image:
    from skimage import data
    return _crop(getattr(data, rng.choice(("astronaut", "coffee", "chelsea", "rocket")))(), rng)


def micrograph(rng: random.Random) -> Image.Image:
    from skimage import data
    return _crop(getattr(data, rng.choice(("immunohistochemistry", "cell")))(), rng)


def make(folder: Path, per_kind: int, seed: int = 3) -> dict[str, str]:
    """Writes `per_kind` JPEGs of every kind under `folder` as KIND-NN.jpg; returns file name -> kind."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    kinds = {}
    for kind in KINDS:
        for i in range(per_kind):
            name = f"{kind}-{i:02d}.jpg"
            globals()[kind](rng).save(folder / name, quality=90)
            kinds[name] = kind
    return kinds
