"""Real synthetic speech, offline: Debian's espeak-ng synthesiser, called through its C library.

- :func:`synthesise`: one utterance as a float32 waveform at 22,050 Hz, with the phonemes espeak-ng
  spoke and the sample where each one starts (its own phoneme events, not an estimate);
- :func:`phonemes`: espeak-ng's transcription of a text, in IPA or in its ASCII phoneme names;
- :func:`utterance_set`: many utterances (texts x voices x speeds x pitches), built once and kept
  in the course cache, so a notebook gets its data set in well under a second the second time;
- :func:`voices`: the voice names to pick speakers from (``"en-us"``, ``"en"`` for British English,
  ``"en-gb-scotland"``; variants such as ``"en-us+f3"`` for a higher, female-sounding voice).

What it does not do: play, plot or transform audio (``nlpcourse.audio`` does), or download
anything. It needs the espeak-ng library (Debian/Ubuntu: ``apt-get install espeak-ng``; the
course's ``make lab`` installs it); without it every function raises ``FileNotFoundError`` with
that advice instead of a ctypes traceback. espeak-ng keeps one global state that carries over
from one utterance to the next, so synthesis runs in a fresh worker process (same arguments, same
samples) and calls are serialised by a lock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import functools
import hashlib
import json
import threading
from pathlib import Path

import numpy as np

from nlpcourse import pretrained

SAMPLE_RATE = 22050  # Hz: what espeak-ng synthesises at
INSTALL_ADVICE = ("This notebook needs the espeak-ng speech synthesiser. On Debian/Ubuntu run "
                  "`sudo apt-get install espeak-ng` (on Colab: `!apt-get install -y espeak-ng`, then "
                  "restart the runtime); `make lab` installs it for you when it can.")

# espeak-ng's C interface (speak_lib.h): the constants and the event record its callback receives.
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_PHONEME_EVENTS = 0x0001
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_EVENT_LIST_TERMINATED = 0
_EVENT_PHONEME = 7
_PARAMETER = {"speed": 1, "volume": 2, "pitch": 3, "pitch_range": 4}


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint), ("text_position", ctypes.c_int),
                ("length", ctypes.c_int), ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", _EventId)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))
_lock = threading.Lock()


@dataclasses.dataclass(frozen=True)
class Utterance:
    """One synthesised utterance. ``starts[i]`` is the first sample of ``phonemes[i]``; a phoneme
    lasts until the next one starts (the last one until the end of ``audio``). Pauses are
    phonemes too: ``"_"`` (short) and ``"_:"`` (long), as espeak-ng names them."""

    text: str
    voice: str
    speed: int  # words per minute
    pitch: int  # 0-99, espeak-ng's base pitch
    audio: np.ndarray  # float32 (samples,), in [-1, 1]
    phonemes: tuple[str, ...]  # espeak-ng's ASCII phoneme names
    starts: np.ndarray  # int64 (phonemes,)
    sample_rate: int = SAMPLE_RATE

    @property
    def ends(self) -> np.ndarray:
        """int64 (phonemes,): the sample after the last one of each phoneme."""
        return np.append(self.starts[1:], len(self.audio)).astype(np.int64)

    @property
    def seconds(self) -> float:
        return len(self.audio) / self.sample_rate


class _Engine:
    """The espeak-ng library, initialised once per process to synthesise into memory."""

    def __init__(self):
        name = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
        try:
            self.library = ctypes.CDLL(name)
        except OSError as error:
            raise FileNotFoundError(INSTALL_ADVICE) from error
        self.library.espeak_TextToPhonemes.restype = ctypes.c_char_p
        self.sample_rate = self.library.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None,
                                                          _INITIALIZE_PHONEME_EVENTS)
        if self.sample_rate <= 0:
            raise FileNotFoundError("espeak-ng is installed but could not start (its data files are missing?). "
                                    + INSTALL_ADVICE)
        self.chunks: list[np.ndarray] = []
        self.events: list[tuple[int, str]] = []
        self.callback = _CALLBACK(self._receive)  # kept on self: ctypes must not free it
        self.library.espeak_SetSynthCallback(self.callback)

    def _receive(self, wave, samples, events):
        if samples > 0:
            self.chunks.append(np.ctypeslib.as_array(wave, shape=(samples,)).copy())
        index = 0
        while events[index].type != _EVENT_LIST_TERMINATED:
            event = events[index]
            if event.type == _EVENT_PHONEME:
                self.events.append((event.sample, bytes(event.id.string).split(b"\0")[0].decode("ascii")))
            index += 1
        return 0

    def use_voice(self, voice: str) -> None:
        if self.library.espeak_SetVoiceByName(voice.encode("utf-8")) != 0:
            raise ValueError(f"espeak-ng has no voice {voice!r}; see nlpcourse.speech.voices()")

    def set(self, parameter: str, value: int) -> None:
        self.library.espeak_SetParameter(_PARAMETER[parameter], int(value), 0)

    def speak(self, text: str) -> tuple[np.ndarray, list[tuple[int, str]]]:
        self.chunks, self.events = [], []
        encoded = text.encode("utf-8")
        status = self.library.espeak_Synth(encoded, len(encoded) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        if status != 0:
            raise RuntimeError(f"espeak-ng failed to synthesise {text!r} (status {status})")
        audio = np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.int16)
        return audio, self.events

    def transcribe(self, text: str, ipa: bool) -> str:
        buffer = ctypes.create_string_buffer(text.encode("utf-8"))
        pointer = ctypes.c_char_p(ctypes.addressof(buffer))
        mode = (0x02 if ipa else 0x00) | (ord(" ") << 8)  # bit 1: IPA; bits 8-23: the separator
        clauses = []
        while pointer.value:
            clause = self.library.espeak_TextToPhonemes(ctypes.byref(pointer), _CHARS_UTF8, mode)
            if clause:
                clauses.append(clause.decode("utf-8").strip())
        return "  ".join(clause for clause in clauses if clause)


@functools.lru_cache(maxsize=1)
def _engine() -> _Engine:
    return _Engine()


def available() -> bool:
    """Whether espeak-ng can be used here (a notebook can skip a demonstration instead of failing)."""
    try:
        _engine()
    except FileNotFoundError:
        return False
    return True


def synthesise(text: str, voice: str = "en-us", speed: int = 175, pitch: int = 50,
               pitch_range: int = 50) -> Utterance:
    """Speak ``text`` with espeak-ng: the waveform, its phonemes and where each starts.

    ``speed`` in words per minute (80-450), ``pitch`` and ``pitch_range`` from 0 to 99 (50 is the
    voice's normal); ``voice`` is a name from :func:`voices`, optionally with a variant
    (``"en-us+f3"``). The same arguments always give the same samples: espeak-ng carries state from
    one utterance to the next (a few samples of length), so each call synthesises in a fresh
    worker process (about 0.3 s)."""
    return _in_fresh_process([(text, voice, speed, pitch, pitch_range)])[0]


def _check(text: str, speed: int, pitch: int, pitch_range: int) -> None:
    if not text.strip():
        raise ValueError("nothing to say: the text is empty")
    if not 80 <= speed <= 450:
        raise ValueError(f"speed must be between 80 and 450 words per minute, not {speed}")
    for name, value in (("pitch", pitch), ("pitch_range", pitch_range)):
        if not 0 <= value <= 99:
            raise ValueError(f"{name} must be between 0 and 99, not {value}")


def _in_fresh_process(requests: list[tuple[str, str, int, int, int]]) -> list[Utterance]:
    """Synthesise the requests in order in a new process, where espeak-ng starts from its initial state."""
    import concurrent.futures
    import multiprocessing

    for text, _, speed, pitch, pitch_range in requests:
        _check(text, speed, pitch, pitch_range)
    _engine()  # fail here, with the install advice, when espeak-ng is missing
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as worker:
        return worker.submit(_synthesise_in_order, requests).result()


def _synthesise_in_order(requests: list[tuple[str, str, int, int, int]]) -> list[Utterance]:
    return [_synthesise_here(*request) for request in requests]


def _synthesise_here(text: str, voice: str, speed: int, pitch: int, pitch_range: int) -> Utterance:
    """One utterance in this process (its result depends on what this process synthesised before)."""
    _check(text, speed, pitch, pitch_range)
    with _lock:
        engine = _engine()
        engine.use_voice(voice)
        engine.set("speed", speed)
        engine.set("pitch", pitch)
        engine.set("pitch_range", pitch_range)
        samples, events = engine.speak(text)
    audio = (samples.astype(np.float32) / 32768.0)                       # (samples,) int16 -> [-1, 1)
    starts = np.array([min(max(sample, 0), len(audio)) for sample, _ in events], dtype=np.int64)
    return Utterance(text=text, voice=voice, speed=int(speed), pitch=int(pitch), audio=audio,
                     phonemes=tuple(name for _, name in events), starts=np.maximum.accumulate(starts)
                     if len(starts) else starts, sample_rate=engine.sample_rate)


def phonemes(text: str, voice: str = "en-us", ipa: bool = True) -> str:
    """espeak-ng's transcription of ``text``, phonemes separated by spaces and words by two
    spaces (IPA by default, with stress marks ˈ and ˌ; ``ipa=False`` gives its ASCII names)."""
    if not text.strip():
        return ""
    with _lock:
        engine = _engine()
        engine.use_voice(voice)
        return engine.transcribe(text, ipa)


def voices(language: str = "en") -> list[str]:
    """The voice names espeak-ng has for a language prefix, e.g. ``["en", "en-029", ..., "en-us"]``.
    Any of them takes a variant suffix: ``+m1`` to ``+m7``, ``+f1`` to ``+f4``, ``+croak``, ..."""
    folder = Path(_data_folder()) / "lang"
    names = set()
    for path in folder.rglob("*") if folder.exists() else []:
        if path.is_file() and path.name.lower().startswith(language.lower()):
            names.add(path.name.lower())
    return sorted(names) or ["en-us"]


def utterance_set(texts: list[str], voices: tuple[str, ...] = ("en-us",), speeds: tuple[int, ...] = (175,),
                  pitches: tuple[int, ...] = (50,)) -> list[Utterance]:
    """Every text in every voice, speed and pitch (in that nesting order, texts innermost), cached.
    The same arguments always give the same set (synthesised in order in one fresh process).

    The first call synthesises (a few hundred short sentences take seconds) and keeps the result in
    ``cache_root()/speech``; later calls, in any process, read it back. The cache key covers the
    arguments and espeak-ng's version, so a different installation builds its own."""
    texts = list(texts)
    settings = [(voice, speed, pitch) for voice in voices for speed in speeds for pitch in pitches]
    key = json.dumps({"texts": texts, "settings": settings, "espeak": _version()}, sort_keys=True)
    folder = pretrained.cache_root() / "speech" / hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    archive = folder / "utterances.npz"
    if archive.exists():
        try:
            return _read(archive)
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache is rebuilt
    utterances = _in_fresh_process([(text, voice, speed, pitch, 50) for voice, speed, pitch in settings for text in texts])
    pretrained.write_cache_atomically(folder, lambda staging: _write(utterances, staging / "utterances.npz"))
    return utterances


def _info() -> tuple[str, str]:
    """(espeak-ng's version, the folder of its data files)."""
    with _lock:
        engine = _engine()
        engine.library.espeak_Info.restype = ctypes.c_char_p
        data_folder = ctypes.c_char_p()
        version = engine.library.espeak_Info(ctypes.byref(data_folder))
    return version.decode("utf-8", "replace"), (data_folder.value or b"").decode("utf-8", "replace")


def _version() -> str:
    return _info()[0]


def _data_folder() -> str:
    return _info()[1]


def _write(utterances: list[Utterance], path: Path) -> None:
    lengths = [len(u.audio) for u in utterances]
    counts = [len(u.phonemes) for u in utterances]
    meta = [{"text": u.text, "voice": u.voice, "speed": u.speed, "pitch": u.pitch, "phonemes": list(u.phonemes),
             "sample_rate": u.sample_rate} for u in utterances]
    np.savez(path, audio=np.concatenate([u.audio for u in utterances]) if utterances else np.zeros(0, np.float32),
             starts=np.concatenate([u.starts for u in utterances]) if utterances else np.zeros(0, np.int64),
             lengths=np.array(lengths, np.int64), counts=np.array(counts, np.int64),
             meta=np.array(json.dumps(meta)))


def _read(path: Path) -> list[Utterance]:
    with np.load(path) as stored:
        audio_ends = np.cumsum(stored["lengths"])
        phoneme_ends = np.cumsum(stored["counts"])
        meta = json.loads(str(stored["meta"]))
        audio, starts = stored["audio"], stored["starts"]
    utterances = []
    for i, info in enumerate(meta):
        a0, a1 = (audio_ends[i - 1] if i else 0), audio_ends[i]
        p0, p1 = (phoneme_ends[i - 1] if i else 0), phoneme_ends[i]
        utterances.append(Utterance(text=info["text"], voice=info["voice"], speed=info["speed"], pitch=info["pitch"],
                                    audio=audio[a0:a1].copy(), phonemes=tuple(info["phonemes"]),
                                    starts=starts[p0:p1].copy(), sample_rate=info["sample_rate"]))
    return utterances
