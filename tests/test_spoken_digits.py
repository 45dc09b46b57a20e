"""nlpcourse.spoken_digits: the shipped FSDD copy, its splits and the joined digit strings."""

import numpy as np
import pytest
import soundfile

from nlpcourse import spoken_digits


def test_the_shipped_copy_is_five_speakers_times_ten_digits_times_fifty_takes():
    clips = spoken_digits.clips()
    assert len(clips) == 2500
    assert sorted({clip.speaker for clip in clips}) == list(spoken_digits.SPEAKERS)
    assert {(clip.digit, clip.take) for clip in clips if clip.speaker == "lucas"} == \
        {(digit, take) for digit in range(10) for take in range(50)}


def test_a_clip_reads_as_float_samples_equal_to_its_pcm16():
    clip = spoken_digits.clips(speakers=["george"], digits=[3], takes=[7])[0]
    samples = clip.audio()
    pcm, rate = soundfile.read(clip.path, dtype="int16")
    assert rate == spoken_digits.SAMPLE_RATE and samples.dtype == np.float32 and samples.ndim == 1
    np.testing.assert_array_equal(samples, pcm.astype(np.float32) / 32768)
    assert clip.word == "three"


def test_the_usual_split_tests_on_takes_zero_to_four():
    split = spoken_digits.usual_split()
    assert len(split["train"]) == 2250 and len(split["test"]) == 250
    assert {clip.take for clip in split["test"]} == set(range(5))
    assert not {clip.path for clip in split["train"]} & {clip.path for clip in split["test"]}


def test_the_speaker_split_keeps_voices_apart_and_refuses_nonsense():
    split = spoken_digits.speaker_split(held_out=("george", "lucas"))
    assert {clip.speaker for clip in split["test"]} == {"george", "lucas"}
    assert "george" not in {clip.speaker for clip in split["train"]} and len(split["train"]) == 1500
    for bad in [(), ("theo",), spoken_digits.SPEAKERS]:
        with pytest.raises(ValueError):
            spoken_digits.speaker_split(held_out=bad)


def test_joined_clips_have_the_pauses_between_them():
    first, second = np.ones(100, dtype=np.float32), 2 * np.ones(50, dtype=np.float32)
    joined = spoken_digits.join_clips([first, second], [0.01])
    assert joined.dtype == np.float32 and len(joined) == 100 + 80 + 50
    assert np.all(joined[100:180] == 0) and np.all(joined[180:] == 2)
    assert len(spoken_digits.join_clips([], [])) == 0
    with pytest.raises(ValueError):
        spoken_digits.join_clips([first, second], [-0.1])


def test_digit_strings_are_reproducible_one_speaker_each_and_transcribed():
    pool = spoken_digits.usual_split()["test"]
    strings = spoken_digits.digit_strings(pool, 6, lengths=(2, 4), seed=3)
    again = spoken_digits.digit_strings(pool, 6, lengths=(2, 4), seed=3)
    for string, same in zip(strings, again):
        np.testing.assert_array_equal(string.audio, same.audio)
        assert string.transcript == " ".join(spoken_digits.DIGIT_WORDS[d] for d in string.digits)
        assert 2 <= len(string.clips) <= 4 and len({clip.speaker for clip in string.clips}) == 1
        speech = sum(len(clip.audio()) for clip in string.clips)
        pauses = (len(string.audio) - speech) / spoken_digits.SAMPLE_RATE
        assert 0.05 * (len(string.clips) - 1) - 1e-3 <= pauses <= 0.25 * (len(string.clips) - 1) + 1e-3


def test_the_held_out_speaker_is_not_shipped_but_the_grader_finds_it():
    assert "theo" not in spoken_digits.SPEAKERS
    held_out = spoken_digits.heldout_clips()
    assert len(held_out) == 500 and {clip.speaker for clip in held_out} == {"theo"}
