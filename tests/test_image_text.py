"""nlpcourse.image_text: the digit split, the captions, the cached MiniLM vectors and the towers."""

import numpy as np
import torch

from nlpcourse import image_text


def test_digit_split_is_stratified_and_disjoint():
    split = image_text.digit_split(test_fraction=0.3, seed=0)
    assert split["train_images"].shape[1] == 64 and split["train_images"].dtype == np.float32
    assert len(split["train_images"]) + len(split["test_images"]) == 1797
    assert 0.0 <= split["test_images"].min() and split["test_images"].max() <= 1.0
    counts = np.bincount(split["test_labels"], minlength=10)
    assert counts.min() >= 50 and counts.max() <= 56
    again = image_text.digit_split(test_fraction=0.3, seed=0)
    assert np.array_equal(again["test_labels"], split["test_labels"])


def test_captions_use_the_digit_word_and_a_template():
    captions = image_text.captions_for([7, 0], rng=np.random.default_rng(1))
    assert "seven" in captions[0] and "zero" in captions[1]
    assert image_text.captions_for([3], templates=("x {} y",)) == ["x three y"]
    assert not set(image_text.TRAIN_TEMPLATES) & set(image_text.HELD_OUT_TEMPLATES)


def test_caption_vectors_are_unit_length_and_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path))
    texts = ["a photo of the digit seven.", "a handwritten two.", "a photo of the digit seven."]
    vectors = image_text.caption_vectors(texts)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(vectors[0], vectors[2]) and not np.allclose(vectors[0], vectors[1])
    assert np.array_equal(image_text.caption_vectors(texts[::-1]), vectors[::-1])   # from the cache
    assert image_text.caption_vectors([]).shape == (0, 384)


def test_towers_map_to_the_shared_width():
    pixels = torch.rand(5, 8, 8)
    assert image_text.PixelEncoder(width=16)(pixels).shape == (5, 16)
    assert image_text.CaptionProjection(width=16)(torch.rand(5, 384)).shape == (5, 16)
