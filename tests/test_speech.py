"""nlpcourse.speech (espeak-ng through its C library) and nlpcourse.audio (play, plot, WAV files)."""

import ctypes

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nlpcourse import audio, speech  # noqa: E402


def rms(samples):
    return float(np.sqrt(np.mean(np.square(samples)))) if len(samples) else 0.0


def test_an_utterance_is_a_waveform_with_timed_phonemes():
    utterance = speech.synthesise("Hello world, one two three.")
    assert utterance.audio.dtype == np.float32 and utterance.audio.ndim == 1
    assert utterance.sample_rate == speech.SAMPLE_RATE == 22050
    assert 1.0 < utterance.seconds < 3.0 and np.abs(utterance.audio).max() <= 1.0
    assert utterance.phonemes[:4] == ("h", "@", "l", "oU")
    assert len(utterance.starts) == len(utterance.phonemes) == len(utterance.ends)
    assert np.all(np.diff(utterance.starts) >= 0) and utterance.starts[0] >= 0 and utterance.ends[-1] == len(utterance.audio)
    # The timings are espeak-ng's own: its vowels are loud, its long pause after "world," is quiet.
    vowel = utterance.phonemes.index("oU")
    pause = utterance.phonemes.index("_:")
    loud = rms(utterance.audio[utterance.starts[vowel]:utterance.ends[vowel]])
    quiet = rms(utterance.audio[utterance.starts[pause]:utterance.ends[pause]])
    assert loud > 10 * quiet


def test_the_same_arguments_give_the_same_samples_and_the_settings_change_them():
    first = speech.synthesise("one two three")
    speech.synthesise("four, five", voice="en", speed=300)
    again = speech.synthesise("one two three")
    assert np.array_equal(first.audio, again.audio) and np.array_equal(first.starts, again.starts)
    slow = speech.synthesise("one two three", speed=100)
    assert slow.seconds > 1.4 * first.seconds and slow.phonemes == first.phonemes
    higher = speech.synthesise("one two three", pitch=90)
    assert len(higher.audio) != len(first.audio) or not np.array_equal(higher.audio, first.audio)
    british = speech.synthesise("one two three", voice="en")
    assert british.phonemes != first.phonemes or not np.array_equal(british.audio, first.audio)


def test_phonemes_in_ipa_and_in_espeaks_names():
    assert speech.phonemes("one two three") == "w ˈʌ n  t ˈuː  θ ɹ ˈiː"
    assert speech.phonemes("one two three", ipa=False) == "w 'V n  t 'u:  T r 'i:"
    assert speech.phonemes("Hello world, one.").count("  ") == 2  # words (and clauses) apart by two spaces
    assert speech.phonemes("   ") == ""


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="empty"):
        speech.synthesise("  ")
    with pytest.raises(ValueError, match="no voice"):
        speech.synthesise("hello", voice="klingon-x")
    with pytest.raises(ValueError, match="speed"):
        speech.synthesise("hello", speed=10)
    with pytest.raises(ValueError, match="pitch"):
        speech.synthesise("hello", pitch=120)
    assert "en-us" in speech.voices() and "en" in speech.voices()


def test_without_the_library_the_advice_says_how_to_install_it(monkeypatch):
    def missing(name):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(ctypes, "CDLL", missing)
    with pytest.raises(FileNotFoundError, match="apt-get install espeak-ng"):
        speech._Engine()


def test_an_utterance_set_is_built_once_and_read_back_identically(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path))
    texts = ["one", "two three", "four, five."]
    built = speech.utterance_set(texts, voices=("en-us", "en"), pitches=(40, 60))
    assert [(u.voice, u.pitch, u.text) for u in built[:4]] == [("en-us", 40, "one"), ("en-us", 40, "two three"),
                                                               ("en-us", 40, "four, five."), ("en-us", 60, "one")]
    assert len(built) == 12 and len(list((tmp_path / "speech").glob("*/utterances.npz"))) == 1
    read_back = speech.utterance_set(texts, voices=("en-us", "en"), pitches=(40, 60))
    for fresh, cached in zip(built, read_back):
        assert np.array_equal(fresh.audio, cached.audio) and np.array_equal(fresh.starts, cached.starts)
        assert (fresh.phonemes, fresh.text, fresh.voice, fresh.speed, fresh.pitch) == \
               (cached.phonemes, cached.text, cached.voice, cached.speed, cached.pitch)
    assert speech.utterance_set(texts[:1], voices=("en-us",), pitches=(40,))[0].phonemes == built[0].phonemes


def test_wav_files_round_trip_and_players_and_plots_are_labelled(tmp_path):
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(8000) / 8000)).astype(np.float32)
    path = audio.write_wav(tmp_path / "tone.wav", tone, 8000)
    read, rate = audio.read_wav(path)
    assert rate == 8000 and read.dtype == np.float32 and np.abs(read - tone).max() < 1e-4
    assert audio.play(tone, 8000).data[:4] == b"RIFF"
    assert audio.play(np.zeros(100), 8000).data[:4] == b"RIFF"  # silence plays too
    with pytest.raises(ValueError, match="1-D"):
        audio.as_waveform(np.zeros((2, 3)))
    figure, (top, bottom) = plt.subplots(2, 1)
    audio.plot_waveform(top, tone, 8000)
    audio.plot_spectrogram(bottom, np.random.default_rng(0).random((33, 20)), 8000, hop_length=16)
    assert top.get_xlabel() == "time (s)" and bottom.get_ylabel() == "frequency (Hz)"
    assert bottom.get_ylim()[1] == pytest.approx(4000)
    plt.close(figure)


def test_two_fresh_builds_of_a_set_are_identical(tmp_path, monkeypatch):
    texts = ["one two three", "four, five."]
    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path / "first"))
    first = speech.utterance_set(texts, voices=("en-us", "en"))
    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path / "second"))
    second = speech.utterance_set(texts, voices=("en-us", "en"))
    assert all(np.array_equal(a.audio, b.audio) and np.array_equal(a.starts, b.starts) for a, b in zip(first, second))


def test_speech_features_frames_durations_and_griffin_lim_agree():
    from nlpcourse import speech_features

    sentences = speech_features.tts_sentences(50)
    assert len(set(sentences)) == 50 and all(s[0].isupper() and s.endswith(".") for s in sentences)
    utterance = speech.synthesise(sentences[0])
    log_mel = speech_features.log_mel(utterance.audio)
    frames = speech_features.MEL.frames(len(utterance.audio))
    assert log_mel.shape == (speech_features.MEL.n_mels, frames) and log_mel.dtype == np.float32
    durations = speech_features.frame_durations(utterance)
    assert durations.sum() == frames and len(durations) == len(utterance.phonemes) and (durations >= 0).all()
    rebuilt = speech_features.griffin_lim(log_mel, n_iter=16)
    assert abs(len(rebuilt) - len(utterance.audio)) < speech_features.MEL.hop_length
    assert np.abs(speech_features.log_mel(rebuilt)[:, :frames - 1] - log_mel[:, :frames - 1]).mean() < 0.5
