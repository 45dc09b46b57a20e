"""Real recorded speech: the Free Spoken Digit Dataset (FSDD) as the course ships it.

What it does: lists and reads the 2,500 clips in ``corpora/fsdd/recordings/`` (five speakers say
each digit 0-9 fifty times, 8 kHz mono), gives FSDD's usual split (takes 0-4 are the test set) and
a split that holds out whole speakers, and joins clips into spoken digit strings ("four one
seven") with pauses between the words, for training and testing recognisers.

What it does not: download anything (the shipped copy is the whole data set but for one speaker,
``theo``, whom the instructors keep to grade week 9's project: ``heldout_clips`` reads that copy
and works only where ``autograder/heldout/fsdd/`` exists), resample (use ``librosa.resample``),
or add noise.

The recordings are CC BY-SA 4.0 by the FSDD contributors: see ``corpora/fsdd/LICENSE.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

SAMPLE_RATE = 8000  # Hz, every clip
FOLDER = Path(__file__).parent / "corpora" / "fsdd" / "recordings"
SPEAKERS = ("george", "jackson", "lucas", "nicolas", "yweweler")
DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEST_TAKES = range(0, 5)  # FSDD's usual split: takes 0-4 of every digit and speaker are the test set


@dataclass(frozen=True)
class Clip:
    """One recording: ``digit`` (0-9) said by ``speaker``, take number ``take`` (0-49)."""

    digit: int
    speaker: str
    take: int
    path: Path

    @property
    def word(self) -> str:
        return DIGIT_WORDS[self.digit]

    def audio(self) -> np.ndarray:
        """The samples as float32 in [-1, 1), shape (samples,), at ``SAMPLE_RATE``."""
        samples, sample_rate = soundfile.read(self.path, dtype="float32")
        if sample_rate != SAMPLE_RATE:
            raise ValueError(f"{self.path.name}: {sample_rate} Hz, expected {SAMPLE_RATE}")
        return samples


def _clips_in(folder: Path) -> list[Clip]:
    clips = []
    for path in sorted(folder.glob("*.flac")):
        digit, speaker, take = path.stem.split("_")
        clips.append(Clip(int(digit), speaker, int(take), path))
    if not clips:
        raise FileNotFoundError(f"no FSDD clips (*.flac) in {folder}")
    return sorted(clips, key=lambda clip: (clip.speaker, clip.digit, clip.take))


def clips(speakers=None, digits=None, takes=None) -> list[Clip]:
    """The shipped clips, sorted by speaker, digit and take; each argument filters when given.

    >>> len(clips()), len(clips(speakers=["jackson"], takes=range(5)))
    (2500, 50)
    """
    chosen = _clips_in(FOLDER)
    if speakers is not None:
        unknown = set(speakers) - set(SPEAKERS)
        if unknown:
            raise ValueError(f"unknown speakers {sorted(unknown)}; the shipped ones are {SPEAKERS}")
        chosen = [clip for clip in chosen if clip.speaker in set(speakers)]
    if digits is not None:
        chosen = [clip for clip in chosen if clip.digit in set(digits)]
    if takes is not None:
        chosen = [clip for clip in chosen if clip.take in set(takes)]
    return chosen


def usual_split() -> dict[str, list[Clip]]:
    """FSDD's usual split: ``{"train": takes 5-49, "test": takes 0-4}`` of every speaker (2,250 / 250)."""
    everything = clips()
    return {"train": [clip for clip in everything if clip.take not in TEST_TAKES],
            "test": [clip for clip in everything if clip.take in TEST_TAKES]}


def speaker_split(held_out=("nicolas",)) -> dict[str, list[Clip]]:
    """``{"train": the other speakers' clips, "test": the held-out speakers' clips}``, all takes.

    A recogniser tested on a voice it never heard is tested the way it will be used.
    """
    held_out = tuple(held_out)
    unknown = set(held_out) - set(SPEAKERS)
    if unknown or not held_out or len(held_out) == len(SPEAKERS):
        raise ValueError(f"hold out between 1 and {len(SPEAKERS) - 1} of {SPEAKERS}, got {held_out}")
    everything = clips()
    return {"train": [clip for clip in everything if clip.speaker not in held_out],
            "test": [clip for clip in everything if clip.speaker in held_out]}


def heldout_clips(folder=None) -> list[Clip]:
    """The instructors' held-out speaker (``autograder/heldout/fsdd/``), for hidden tests only."""
    if folder is None:
        from nlpcourse.data import heldout_folder  # the same search as the text held-out splits
        folder = heldout_folder() / "fsdd"
    return _clips_in(Path(folder))


def join_clips(audios, pause_seconds, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """One waveform: ``audios[0]``, a silence of ``pause_seconds[0]``, ``audios[1]``, ... (float32).

    ``pause_seconds`` holds ``len(audios) - 1`` non-negative numbers (one number is used for every
    pause). Real speech has no silence between most words; these pauses are short but present.
    """
    audios = [np.asarray(audio, dtype=np.float32).reshape(-1) for audio in audios]
    if not audios:
        return np.zeros(0, dtype=np.float32)
    pauses = np.broadcast_to(np.asarray(pause_seconds, dtype=float), (len(audios) - 1,))
    if np.any(pauses < 0):
        raise ValueError("pauses must be non-negative")
    pieces = [audios[0]]
    for pause, audio in zip(pauses, audios[1:]):
        pieces += [np.zeros(int(round(pause * sample_rate)), dtype=np.float32), audio]
    return np.concatenate(pieces)


@dataclass(frozen=True)
class DigitString:
    """A spoken digit string made by joining clips: its waveform, its transcript and its clips."""

    audio: np.ndarray  # (samples,) float32 at SAMPLE_RATE
    transcript: str    # the digit words, e.g. "four one seven"
    clips: tuple[Clip, ...]

    @property
    def digits(self) -> list[int]:
        return [clip.digit for clip in self.clips]


def digit_strings(pool, count: int, lengths=(2, 5), pause_seconds=(0.05, 0.25), seed: int = 0) -> list[DigitString]:
    """``count`` digit strings, each joining 2-5 (``lengths``, inclusive) random clips of ``pool``.

    Every string uses one speaker (as when one person reads a number), pauses drawn uniformly
    from ``pause_seconds``; the same arguments give the same strings.
    """
    pool = list(pool)
    if not pool:
        raise ValueError("the pool of clips is empty")
    low, high = int(lengths[0]), int(lengths[1])
    if not 1 <= low <= high:
        raise ValueError(f"lengths must be (low, high) with 1 <= low <= high, got {lengths}")
    rng = np.random.default_rng(seed)
    by_speaker: dict[str, list[Clip]] = {}
    for clip in pool:
        by_speaker.setdefault(clip.speaker, []).append(clip)
    speakers = sorted(by_speaker)
    strings = []
    for _ in range(count):
        speaker_clips = by_speaker[speakers[int(rng.integers(len(speakers)))]]
        chosen = [speaker_clips[int(i)] for i in rng.integers(0, len(speaker_clips), size=int(rng.integers(low, high + 1)))]
        pauses = rng.uniform(pause_seconds[0], pause_seconds[1], size=len(chosen) - 1)
        audio = join_clips([clip.audio() for clip in chosen], pauses)
        strings.append(DigitString(audio, " ".join(clip.word for clip in chosen), tuple(chosen)))
    return strings
