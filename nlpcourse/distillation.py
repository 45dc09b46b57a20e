"""Knowledge distillation of a small causal language model from a larger one (week 6, day 2).

- :func:`soft_target_loss`: Hinton et al.'s loss for rows of logits, a weighted sum of the
  temperature-softened KL divergence to the teacher (times ``T**2``) and the cross-entropy with
  the hard labels. It is what :func:`distill_causal_lm` uses when it is given no loss.
- :func:`train_char_teacher`: the week-5 tiny character GPT (``nlpcourse.causal_lm``), trained on
  the Lee training text once per process and per setting (cached), to serve as a teacher.
- :func:`distill_causal_lm`: a training loop for a student ``transformers`` causal LM on windows
  of ids, either from the labels alone (``teacher=None``) or from a frozen teacher's logits plus
  the labels, with the same optimiser, schedule and batches in both cases, so that a comparison
  of the two students measures the loss and nothing else.

What it does not do: distil hidden states or attention maps (DistilBERT's extra losses), handle
teacher and student vocabularies that differ, pad, or move anything off the CPU.

Shapes: windows are int64 ``(n, L)``; a model maps ``(B, L)`` ids to ``(B, L, V)`` logits; the loss
sees the ``B * (L - 1)`` next-token predictions as rows, ``(N, V)`` logits and ``(N,)`` labels.
"""

from __future__ import annotations

import functools


def soft_target_loss(student_logits, teacher_logits, temperature: float, alpha: float, labels):
    """alpha * T**2 * KL(softmax(teacher / T) || softmax(student / T)) + (1 - alpha) * CE(student, labels),
    both terms averaged over the N rows. Logits ``(N, V)``, labels ``(N,)`` int64; a 0-d tensor."""
    import torch

    if temperature <= 0:
        raise ValueError(f"the temperature must be positive, not {temperature}")
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must lie in [0, 1], not {alpha}")
    student_scores = torch.as_tensor(student_logits)                             # (N, V)
    teacher_scores = torch.as_tensor(teacher_logits).to(student_scores.dtype)    # (N, V)
    rows = student_scores.shape[0]
    student_log_soft = torch.log_softmax(student_scores / temperature, dim=-1)   # (N, V)
    teacher_log_soft = torch.log_softmax(teacher_scores / temperature, dim=-1)   # (N, V)
    divergence = torch.nn.functional.kl_div(student_log_soft, teacher_log_soft, reduction="sum",
                                            log_target=True) / rows
    hard = torch.nn.functional.cross_entropy(student_scores, torch.as_tensor(labels, dtype=torch.long))
    return alpha * temperature ** 2 * divergence + (1.0 - alpha) * hard


@functools.lru_cache(maxsize=4)
def train_char_teacher(n_embd: int = 64, n_layer: int = 1, steps: int = 1000, window: int = 48, seed: int = 0,
                       progress: bool = True):
    """(teacher, vocabulary): a ``causal_lm.tiny_gpt2`` trained with ``causal_lm.train_causal_lm`` on the
    windows of the Lee training text (the week-5 recipe: batches of 32, learning rate 4e-3), in eval mode
    with its parameters frozen. Cached: the same arguments return the same objects within a process."""
    from nlpcourse import causal_lm

    text = causal_lm.lee_text("train")
    vocabulary = causal_lm.CharVocabulary.from_text(text)
    windows = causal_lm.char_windows(vocabulary.encode(text), window)              # (n, window)
    teacher = causal_lm.tiny_gpt2(len(vocabulary), n_positions=window, n_embd=n_embd, n_layer=n_layer, seed=seed)
    causal_lm.train_causal_lm(teacher, windows, steps=steps, batch_size=32, learning_rate=4e-3, seed=seed,
                              progress=progress)
    teacher.requires_grad_(False)
    return teacher.eval(), vocabulary


def distill_causal_lm(student, windows, steps: int, teacher=None, loss_fn=None, temperature: float = 2.0,
                      alpha: float = 0.5, batch_size: int = 32, learning_rate: float = 3e-3, seed: int = 0,
                      every: int = 0, callback=None, progress: bool = True) -> list:
    """Train ``student`` for ``steps`` AdamW steps on random batches of the rows of ``windows`` (int64 (n, L)).

    ``teacher=None``: the loss is the next-token cross-entropy with the labels (the text shifted by one).
    Otherwise ``loss_fn(student_logits, teacher_logits, temperature, alpha, labels)`` on the (N, V)
    next-token logits of both models (the teacher runs without gradients) and the (N,) labels;
    ``loss_fn=None`` means :func:`soft_target_loss`. Batches, warm-up (10%) and linear decay, weight
    decay 0.01 and gradient clipping at norm 1 are the same either way. ``callback(step, student, loss)``
    runs every ``every`` steps and after the last. Returns the training losses (floats); the student
    ends in eval mode.
    """
    import torch

    from nlpcourse import causal_lm

    loss_fn = soft_target_loss if loss_fn is None else loss_fn
    if teacher is not None:
        teacher.eval()

    def loss_of_batch(model, batch):                                   # batch: (B, L)
        labels = batch[:, 1:].reshape(-1)                               # (N,) = (B * (L - 1),)
        logits = model(input_ids=batch).logits[:, :-1]                  # (B, L - 1, V)
        logits = logits.reshape(labels.shape[0], -1)                    # (N, V)
        if teacher is None:
            return torch.nn.functional.cross_entropy(logits, labels)
        with torch.no_grad():
            targets = teacher(input_ids=batch).logits[:, :-1].reshape(labels.shape[0], -1)   # (N, V)
        return loss_fn(logits, targets, temperature, alpha, labels)

    return causal_lm.train_causal_lm(student, windows, steps, batch_size=batch_size, learning_rate=learning_rate,
                                     seed=seed, every=every, callback=callback, progress=progress,
                                     loss_of_batch=loss_of_batch,
                                     description="distillation steps" if teacher is not None else "training steps")
