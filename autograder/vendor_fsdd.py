"""Copy the Free Spoken Digit Dataset into the course, losslessly as FLAC.

    python -m autograder.vendor_fsdd SOURCE     # SOURCE: an FSDD checkout (its recordings/*.wav)

Five speakers go into ``nlpcourse/corpora/fsdd/recordings/`` (shipped with the package, read by
``nlpcourse.spoken_digits``); the sixth, ``theo``, goes into ``autograder/heldout/fsdd/`` only: the
hidden tests of week 9's project score transcription on a voice the student never hears. Each clip
keeps its name (``{digit}_{speaker}_{take}.flac``) and its samples exactly (8 kHz, 16-bit PCM);
FLAC only makes the files about half the size of the WAVs. The recordings are CC BY-SA 4.0 (see
``nlpcourse/corpora/fsdd/LICENSE.md``); this script, like all the course's code, is not.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import soundfile

REPO = Path(__file__).resolve().parents[1]
HELD_OUT_SPEAKER = "theo"


def vendor(source: Path, package_folder: Path, heldout_folder: Path) -> dict[str, int]:
    """Write every ``source/recordings/*.wav`` as FLAC into one of the two folders; return counts."""
    counts = {"package": 0, "heldout": 0}
    wavs = sorted((source / "recordings").glob("*.wav"))
    if not wavs:
        raise FileNotFoundError(f"no recordings/*.wav under {source}")
    for folder in (package_folder, heldout_folder):
        folder.mkdir(parents=True, exist_ok=True)
    for wav in wavs:
        samples, sample_rate = soundfile.read(wav, dtype="int16")
        if sample_rate != 8000 or samples.ndim != 1:
            raise ValueError(f"{wav.name}: expected 8 kHz mono, got {sample_rate} Hz, shape {samples.shape}")
        speaker = wav.stem.split("_")[1]
        kind = "heldout" if speaker == HELD_OUT_SPEAKER else "package"
        target = (heldout_folder if kind == "heldout" else package_folder) / f"{wav.stem}.flac"
        soundfile.write(target, samples, sample_rate, subtype="PCM_16", format="FLAC")
        written, _ = soundfile.read(target, dtype="int16")
        if not np.array_equal(written, samples):
            raise RuntimeError(f"{target}: FLAC round trip changed the samples")
        counts[kind] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="an FSDD checkout with recordings/*.wav")
    arguments = parser.parse_args()
    counts = vendor(arguments.source, REPO / "nlpcourse" / "corpora" / "fsdd" / "recordings",
                    REPO / "autograder" / "heldout" / "fsdd")
    print(f"{counts['package']} clips into the package, {counts['heldout']} held out")


if __name__ == "__main__":
    main()
