"""trl's DPO and IPO losses on the week's review policy, and held-out preference pairs (week 7, day 3).

The day's notebook checks the student's DPO and IPO losses against the library that most people
train with, trl. trl 1.16 computes these losses inside ``DPOTrainer._compute_loss`` (a method of a
trainer built from a model saved on disk, with a tokenizer), not in a standalone function. This
module builds that trainer for the word-level review policy of :mod:`nlpcourse.policies` and runs
trl's own code path on a batch of preference pairs:

- :func:`word_tokenizer`: a ``PreTrainedTokenizerFast`` whose ids are the ``WordVocabulary``'s (the
  trainer insists on a tokenizer; it never tokenizes the pairs, which arrive as ids);
- :func:`trl_dpo_trainer`: a ``DPOTrainer`` whose policy is a saved copy of ``policy`` and whose
  reference is ``reference``, built quietly (no progress bars, warnings or logs) in well under a
  second;
- :func:`trl_preference_loss`: trl's loss, mean implicit rewards and reward accuracy on pairs given
  as ids (``<pad>`` after ``<eos>`` is stripped, and trl's collator pads again and masks);
- :func:`held_out_pairs`: :func:`policies.preference_pairs` on the held-out prompts with several
  seeds, concatenated, so that an accuracy on them rests on a few hundred pairs rather than ~70.

What it does not do: compute a log-probability, a DPO or IPO loss or an implicit reward itself (the
notebook's exercises do), train anything, or download anything.
"""

from __future__ import annotations

import contextlib
import copy
import io
import logging
import tempfile
import warnings


def word_tokenizer(vocabulary):
    """A ``PreTrainedTokenizerFast`` splitting on white space, with the ids of ``vocabulary`` (a
    ``policies.WordVocabulary``) and its ``<pad>``, ``<bos>``, ``<eos>`` as special tokens."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    table = {token: i for i, token in enumerate(vocabulary.tokens)}
    backend = Tokenizer(models.WordLevel(table, unk_token="<pad>"))
    backend.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    return PreTrainedTokenizerFast(tokenizer_object=backend, pad_token="<pad>", bos_token="<bos>", eos_token="<eos>")


@contextlib.contextmanager
def _quiet():
    """Silence what building a trainer prints: progress bars, warnings and library logs (all on stderr)."""
    import datasets
    from transformers.utils import logging as transformers_logging

    bars_were_on = datasets.utils.logging.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    transformers_logging.disable_progress_bar()
    previous_level = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous_level)
        if bars_were_on:
            datasets.enable_progress_bars()


def trl_dpo_trainer(policy, reference, vocabulary, beta: float, loss_type: str = "sigmoid"):
    """A trl ``DPOTrainer`` (CPU, no logging, nothing saved) whose trainable model is a copy of
    ``policy`` (saved to a temporary folder and loaded back, as trl requires) and whose reference is a
    copy of ``reference``. ``loss_type`` is trl's: ``"sigmoid"`` (DPO) or ``"ipo"``. Neither model
    passed in is changed."""
    folder = tempfile.mkdtemp(prefix="dpo-policy-")
    with _quiet():
        import datasets
        from trl import DPOConfig, DPOTrainer  # importing trl loads bitsandbytes, which logs a warning on some CPUs

        policy.save_pretrained(folder)
        config = DPOConfig(output_dir=folder, use_cpu=True, report_to=[], beta=float(beta), loss_type=[loss_type],
                           disable_tqdm=True, logging_strategy="no", save_strategy="no", seed=0)
        placeholder = datasets.Dataset.from_dict({"prompt": ["<bos>"], "chosen": [" <eos>"], "rejected": [" <eos>"]})
        trainer = DPOTrainer(model=folder, ref_model=copy.deepcopy(reference).eval(), args=config,
                             train_dataset=placeholder, processing_class=word_tokenizer(vocabulary))
    trainer.model.eval()
    return trainer


def _without_padding(row, pad_id: int) -> list[int]:
    ids = [int(i) for i in row]
    while ids and ids[-1] == pad_id:
        ids.pop()
    return ids


def trl_preference_loss(trainer, prompt_ids, chosen_ids, rejected_ids, pad_id: int = 0) -> dict:
    """Run trl's ``DPOTrainer._compute_loss`` on the pairs (int64 ``prompt_ids`` (n, P), ``chosen_ids``
    and ``rejected_ids`` (n, T), ``pad_id`` after ``<eos>``). Returns Python floats: ``loss`` (trl's
    loss, the mean over pairs), and the means over pairs that trl logs: ``chosen_reward`` and
    ``rejected_reward`` (beta times the summed log-ratio to the reference) and ``accuracy`` (the share
    of pairs whose chosen reward is strictly larger)."""
    import torch

    with _quiet():
        from trl.trainer.dpo_trainer import DataCollatorForPreference
    examples = [{"prompt_ids": _without_padding(p, pad_id), "chosen_ids": _without_padding(c, pad_id),
                 "rejected_ids": _without_padding(r, pad_id)}
                for p, c, r in zip(prompt_ids.tolist(), chosen_ids.tolist(), rejected_ids.tolist())]
    batch = DataCollatorForPreference(pad_token_id=pad_id)(examples)
    trainer.model.eval()
    trainer._metrics["eval"].clear()
    with torch.no_grad(), _quiet():
        loss = trainer._compute_loss(trainer.model, batch, False)
    logged = trainer._metrics["eval"]
    return {"loss": float(loss), "chosen_reward": float(logged["rewards/chosen"][-1]),
            "rejected_reward": float(logged["rewards/rejected"][-1]),
            "accuracy": float(logged["rewards/accuracies"][-1])}


def held_out_pairs(vocabulary, model, seeds=(0, 1, 2), new_tokens: int = 14) -> dict:
    """:func:`policies.preference_pairs` of ``model`` on ``review_prompts("test")`` for each seed,
    concatenated (the same keys; tensors joined along the first axis, lists of texts joined)."""
    import torch

    from nlpcourse import policies

    parts = [policies.preference_pairs(vocabulary, model, policies.review_prompts("test"), new_tokens=new_tokens,
                                       seed=seed) for seed in seeds]
    joined = {}
    for key, value in parts[0].items():
        if isinstance(value, torch.Tensor):
            joined[key] = torch.cat([part[key] for part in parts], dim=0)
        else:
            joined[key] = [item for part in parts for item in part[key]]
    return joined
