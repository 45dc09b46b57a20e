"""The pretrained models that ship in packages load offline, and SmolLM2's cache gives back the
same model it saved."""

from __future__ import annotations

import pytest
import torch

from nlpcourse import pretrained


@pytest.fixture
def fresh_smollm2_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPCOURSE_CACHE", str(tmp_path))
    pretrained.smollm2.cache_clear()
    yield tmp_path / "smollm2-135m-instruct"
    pretrained.smollm2.cache_clear()


def next_token_logits(tokenizer, model, text):
    ids = tokenizer(text, return_tensors="pt")
    with torch.no_grad():
        return model(**ids).logits[0, -1]  # (vocab,)


def test_smollm2_is_the_real_model_and_its_cache_reloads_it_exactly(fresh_smollm2_cache, capfd):
    tokenizer, model = pretrained.smollm2()
    assert (fresh_smollm2_cache / "model.safetensors").exists(), "the dequantised weights were not cached"
    assert model.num_parameters() == 134_515_008
    assert (model.config.num_hidden_layers, model.config.hidden_size) == (30, 576)
    assert (model.config.num_attention_heads, model.config.num_key_value_heads) == (9, 3)
    logits = next_token_logits(tokenizer, model, "The capital of France is")
    assert tokenizer.decode(int(logits.argmax())).strip() == "Paris"
    assert capfd.readouterr().err == "", "loading wrote to stderr, which a notebook cell must not"

    pretrained.smollm2.cache_clear()
    cached_tokenizer, cached_model = pretrained.smollm2()
    assert cached_tokenizer("The capital of France is")["input_ids"] == tokenizer("The capital of France is")["input_ids"]
    assert torch.equal(next_token_logits(cached_tokenizer, cached_model, "The capital of France is"), logits)


def test_the_tokenizer_alone_is_smollm2s_with_its_chat_template(fresh_smollm2_cache, capfd):
    tokenizer = pretrained.smollm2_tokenizer()          # no cache yet: builds it
    assert (fresh_smollm2_cache / "tokenizer_config.json").exists()
    again = pretrained.smollm2_tokenizer()              # from the cache
    messages = [{"role": "user", "content": "Name a colour."}, {"role": "assistant", "content": "Blue."}]
    rendered = again.apply_chat_template(messages, tokenize=False)
    assert rendered == tokenizer.apply_chat_template(messages, tokenize=False)
    assert "<|im_start|>user\nName a colour.<|im_end|>" in rendered
    assert again("Paris is big")["input_ids"] == pretrained.smollm2()[0]("Paris is big")["input_ids"]
    assert len(again) == 49_152
    # The first call's tokenizer points at the cache folder, which holds the model's config too
    # (week 6 day 4 reads the config from there; the first draft crashed on a fresh cache).
    assert tokenizer.name_or_path == again.name_or_path == str(fresh_smollm2_cache)
    from transformers import AutoConfig

    assert AutoConfig.from_pretrained(tokenizer.name_or_path).num_hidden_layers == 30
    assert capfd.readouterr().err == ""


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should go")
    monkeypatch.setenv("NLPCOURSE_CACHE", str(blocked))
    pretrained.smollm2.cache_clear()
    try:
        _, model = pretrained.smollm2()
        assert model.num_parameters() == 134_515_008
    finally:
        pretrained.smollm2.cache_clear()
