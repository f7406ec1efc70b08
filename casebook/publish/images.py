"""The files the site publishes of each case image (planned by :mod:`casebook.site.images`), made with
Pillow and kept in the cache's folder, so that an unchanged image is not made again.

Each image is opened once. Its EXIF orientation is applied (``ImageOps.exif_transpose``); its colours
are converted to sRGB from the colour profile it carries (a phone's Display P3, say); then everything
else it carried is dropped: EXIF (camera, serial number, GPS position, date), XMP, comments and the
colour profile itself, since sRGB is what browsers assume of an image without one. Each size is made
from that with Lanczos resampling and saved with nothing but its pixels.

The files of one image are kept in ``.cache/casebook/images/<key>/`` (key: the file's bytes, the
planned sizes, this module's source and Pillow's version). A build uses that folder when it is there
and makes it otherwise, in a temporary folder renamed into place, so a folder that is there is
complete; :meth:`ImageStore.prune` then removes the folders the build did not use. With the cache
switched off the files are made in a temporary folder that :meth:`ImageStore.close` removes.
"""

from __future__ import annotations

import functools
import math
import os
import shutil
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageOps

from casebook.core.cache import Cache
from casebook.core.fingerprints import fingerprint, package_version
from casebook.site.images import EXTENSIONS, SHARE_SIZE, CaseImage, Output

FOLDER = "images"  # under the cache's folder
# How each format is written: JPEG and WebP at the qualities photos on the web are usually given.
SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "WEBP": {"quality": 80, "method": 4},
    "PNG": {"optimize": True},
    "AVIF": {"quality": 60},
}
_QUARTER_TURNS = (5, 6, 7, 8)  # EXIF orientations that swap width and height
_ORIENTATION = 0x0112


@functools.cache
def _code() -> str:
    return fingerprint(Path(__file__).read_bytes(), package_version("pillow"))


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def image_key(image: CaseImage) -> str:
    """The key of the files made of ``image``: what they are made from, and how."""
    sizes = [f"{o.format}:{o.width}x{o.height}:{o.share}" for o in image.outputs]
    return fingerprint(_code(), image.facts.digest, *sizes)


def file_name(output: Output) -> str:
    """The name of ``output`` among the files of its image."""
    return f"{output.width}x{output.height}{'-share' if output.share else ''}.{EXTENSIONS[output.format]}"


def make_files(image: CaseImage, folder: Path) -> None:
    """Write every output of ``image`` into ``folder``, each named by :func:`file_name`."""
    with Image.open(image.source) as original:
        if original.format == "JPEG":
            # Decoded at a half, a quarter or an eighth of its size when that is still enough.
            original.draft(None, _needed(image, original.getexif().get(_ORIENTATION) in _QUARTER_TURNS))
        picture = _clean(original)
    made: dict[tuple[int, int], Image.Image] = {}
    # Largest first: each size is made once for both its formats, and the smaller ones from the largest.
    for output in sorted(image.outputs, key=lambda o: (o.share, -o.width)):
        size = (output.width, output.height)
        if output.share:
            sized = ImageOps.fit(picture, size, Image.Resampling.LANCZOS)
        else:
            if size not in made:
                base = next(iter(made.values()), picture)
                made[size] = base if base.size == size else base.resize(size, Image.Resampling.LANCZOS)
            sized = made[size]
        _save(sized, output.format, folder / file_name(output))


def _needed(image: CaseImage, turned: bool) -> tuple[int, int]:
    """The smallest size, as stored, that every output of ``image`` can be made from."""
    width, height = image.facts.width, image.facts.height
    aspect = SHARE_SIZE[0] / SHARE_SIZE[1]
    # A share image is cut from the largest part of the picture in its shape, then made smaller.
    scale = max(o.width / (min(width, height * aspect) if o.share else width) for o in image.outputs)
    needed = (min(width, math.ceil(width * scale)), min(height, math.ceil(height * scale)))
    return (needed[1], needed[0]) if turned else needed


def _clean(image: Image.Image) -> Image.Image:
    """The picture as shown (turned), in sRGB, carrying nothing else."""
    turned = ImageOps.exif_transpose(image)
    picture = _to_srgb(turned)
    picture.info = {}
    return picture


def _to_srgb(image: Image.Image) -> Image.Image:
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    if image.mode not in ("RGB", "RGBA", "CMYK"):
        image = image.convert(mode)
    profile = image.info.get("icc_profile")
    if profile:
        try:
            converted = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(BytesIO(profile)), _srgb(),
                                                  outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a profile LittleCMS cannot use: the colours are taken to be sRGB already
        else:
            if converted is not None:
                return converted
    return image if image.mode == mode else image.convert(mode)


def _save(image: Image.Image, fmt: str, path: Path) -> None:
    if fmt == "JPEG" and image.mode != "RGB":  # the share image of a transparent PNG: on white
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
        image = background
    image.info = {}  # nothing but the pixels: no format may fall back on what the original carried
    image.save(path, fmt, **SAVE_OPTIONS[fmt])


# id() of an image -> the image (kept alive, so the id is not another's), its key and its files.
KnownFiles = dict[int, tuple[CaseImage, str, dict[str, Path]]]


class ImageStore:
    """The files made of case images, by their key, in ``folder`` (None: a temporary folder)."""

    def __init__(self, folder: Path | None, cache: Cache | None = None, known: KnownFiles | None = None) -> None:
        self.folder = folder
        self.cache = cache  # counts made ("misses") and reused ("hits") images as the kind "image-files"
        self.used: set[str] = set()
        self.known = known or {}
        self.found: KnownFiles = {}  # what this store found, for the next one
        self._temporary: Path | None = None
        self._made_folder = False

    @classmethod
    def for_cache(cls, cache: Cache, known: KnownFiles | None = None) -> ImageStore:
        """The store of ``cache``'s folder; ``known``: the files found for each image by the stores
        before this one (the preview's, which keeps its project's images from one rebuild to the next)."""
        return cls(cache.folder / FOLDER if cache.folder is not None else None, cache, known)

    def _root(self) -> Path:
        if self.folder is not None:
            if not self._made_folder:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._made_folder = True
            return self.folder
        if self._temporary is None:
            self._temporary = Path(tempfile.mkdtemp(prefix="casebook-images-"))
        return self._temporary

    def files(self, image: CaseImage) -> dict[str, Path]:
        """Each file the site publishes of ``image`` (site path -> the file to copy), made if needed."""
        if not image.outputs:
            return {image.path: image.source}  # published as it is
        if (kept := self.known.get(id(image))) is not None and kept[0] is image:
            # The same image as the store before this one found them for (the preview's plan, kept).
            self._count("hits")
            self.used.add(kept[1])
            self.found[id(image)] = kept
            return kept[2]
        key = image_key(image)
        target = self._root() / key
        if target.is_dir():
            self._count("hits")
        else:
            self._count("misses")
            self._make(image, target)
        self.used.add(key)
        files = {output.path: target / file_name(output) for output in image.outputs}
        self.found[id(image)] = (image, key, files)
        return files

    def _make(self, image: CaseImage, target: Path) -> None:
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".making-"))
        try:
            make_files(image, staging)
            os.replace(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # already renamed, or left half-made

    def _count(self, what: str) -> None:
        if self.cache is not None:
            self.cache.count("image-files", what)

    def prune(self) -> None:
        """Remove the images' folders this build did not use: the store holds one build's files."""
        if self.folder is None or not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.name not in self.used and not entry.name.startswith("."):
                shutil.rmtree(entry, ignore_errors=True)

    def close(self) -> None:
        """Remove the temporary folder, once the files in it are copied into the site."""
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None
