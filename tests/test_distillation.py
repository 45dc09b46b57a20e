"""nlpcourse.distillation: the loss against direct computations, the loop against its promises."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from nlpcourse import causal_lm, distillation


def _logits(seed: int, rows: int = 5, classes: int = 7, scale: float = 3.0):
    generator = torch.Generator().manual_seed(seed)
    return (torch.randn(rows, classes, generator=generator, dtype=torch.float64) * scale,
            torch.randn(rows, classes, generator=generator, dtype=torch.float64) * scale,
            torch.randint(0, classes, (rows,), generator=generator))


@pytest.mark.parametrize("temperature, alpha", [(1.0, 0.5), (2.0, 0.9), (5.0, 0.0), (0.5, 1.0)])
def test_soft_target_loss_matches_a_hand_sum(temperature, alpha):
    student, teacher, labels = _logits(0)
    p = torch.softmax(teacher / temperature, dim=-1)
    q = torch.softmax(student / temperature, dim=-1)
    kl = (p * (p.log() - q.log())).sum(dim=-1).mean()                  # KL(p || q) per row, averaged over rows
    hard = -torch.log_softmax(student, dim=-1)[torch.arange(len(labels)), labels].mean()
    expected = alpha * temperature ** 2 * kl + (1 - alpha) * hard
    got = distillation.soft_target_loss(student, teacher, temperature, alpha, labels)
    assert got.dim() == 0 and got.dtype == torch.float64
    assert torch.allclose(got, expected, atol=1e-12)


def test_soft_target_loss_worked_example_and_high_temperature_limit():
    value = distillation.soft_target_loss(torch.zeros(1, 2), torch.tensor([[2.0, 0.0]]), 2.0, 0.5, torch.tensor([0]))
    assert abs(value.item() - 0.5684) < 1e-3
    teacher = torch.tensor([[2.0, 0.0, 0.0, 0.0]], dtype=torch.float64)
    limit = ((teacher - teacher.mean()) ** 2).sum().item() / (2 * 4)  # logit matching: 0.375
    high = distillation.soft_target_loss(torch.zeros(1, 4, dtype=torch.float64), teacher, 1000.0, 1.0, torch.tensor([0]))
    assert abs(high.item() - limit) < 1e-3


def test_soft_target_loss_is_zero_when_the_student_copies_the_teacher_and_rejects_bad_settings():
    student, _, labels = _logits(1)
    assert abs(distillation.soft_target_loss(student, student, 3.0, 1.0, labels).item()) < 1e-12
    with pytest.raises(ValueError):
        distillation.soft_target_loss(student, student, 0.0, 0.5, labels)
    with pytest.raises(ValueError):
        distillation.soft_target_loss(student, student, 1.0, 1.5, labels)


def test_soft_target_loss_gradient_is_the_softened_difference():
    student, teacher, labels = _logits(2)
    student.requires_grad_(True)
    temperature = 3.0
    distillation.soft_target_loss(student, teacher, temperature, 1.0, labels).backward()
    expected = temperature * (torch.softmax(student.detach() / temperature, -1) - torch.softmax(teacher / temperature, -1))
    assert torch.allclose(student.grad, expected / len(labels), atol=1e-12)


def _tiny_setup():
    text = causal_lm.lee_text("train")[:20000]
    vocabulary = causal_lm.CharVocabulary.from_text(text)
    windows = causal_lm.char_windows(vocabulary.encode(text), 16)
    return vocabulary, windows


def test_labels_only_loop_lowers_the_loss_and_is_deterministic():
    vocabulary, windows = _tiny_setup()
    runs = []
    for _ in range(2):
        model = causal_lm.tiny_gpt2(len(vocabulary), n_positions=16, n_embd=16, n_layer=1, n_head=2, seed=0)
        runs.append(distillation.distill_causal_lm(model, windows, steps=60, batch_size=16, progress=False))
    assert runs[0] == runs[1]
    assert sum(runs[0][-10:]) / 10 < sum(runs[0][:10]) / 10
    assert not model.training


def test_the_labels_only_loss_is_the_library_loss():
    vocabulary, windows = _tiny_setup()
    model = causal_lm.tiny_gpt2(len(vocabulary), n_positions=16, n_embd=16, n_layer=1, n_head=2, seed=0)
    batch = windows[torch.randint(len(windows), (16,), generator=torch.Generator().manual_seed(0))]
    with torch.no_grad():
        library = model(input_ids=batch, labels=batch).loss
    losses = distillation.distill_causal_lm(model, windows, steps=1, batch_size=16, learning_rate=0.0, progress=False)
    assert math.isclose(losses[0], library.item(), rel_tol=1e-5)


def test_distillation_passes_the_next_token_logits_of_both_models_to_the_loss():
    vocabulary, windows = _tiny_setup()
    teacher = causal_lm.tiny_gpt2(len(vocabulary), n_positions=16, n_embd=16, n_layer=1, n_head=2, seed=3)
    student = causal_lm.tiny_gpt2(len(vocabulary), n_positions=16, n_embd=8, n_layer=1, n_head=2, seed=4)
    seen = []

    def recording_loss(student_logits, teacher_logits, temperature, alpha, labels):
        seen.append((student_logits.shape, teacher_logits.shape, labels.shape, teacher_logits.requires_grad,
                     temperature, alpha))
        return F.cross_entropy(student_logits, labels)

    before = [p.clone() for p in teacher.parameters()]
    distillation.distill_causal_lm(student, windows, steps=2, teacher=teacher, loss_fn=recording_loss, temperature=3.0,
                                   alpha=0.7, batch_size=4, progress=False)
    rows = 4 * 15
    assert seen[0] == (torch.Size([rows, len(vocabulary)]), torch.Size([rows, len(vocabulary)]), torch.Size([rows]),
                       False, 3.0, 0.7)
    assert all(torch.equal(a, b) for a, b in zip(before, teacher.parameters())), "the teacher must not change"


def test_a_distilled_student_moves_towards_its_teacher():
    vocabulary, windows = _tiny_setup()
    teacher = causal_lm.tiny_gpt2(len(vocabulary), n_positions=16, n_embd=16, n_layer=1, n_head=2, seed=5)
    causal_lm.train_causal_lm(teacher, windows, steps=80, batch_size=16, progress=False)

    def gap(student):
        with torch.no_grad():
            batch = windows[:32]
            return distillation.soft_target_loss(student(batch).logits.flatten(0, 1), teacher(batch).logits.flatten(0, 1),
                                                  1.0, 1.0, batch.flatten()).item()

    student = causal_lm.tiny_gpt2(len(vocabulary), n_positions=16, n_embd=8, n_layer=1, n_head=2, seed=6)
    start = gap(student)
    distillation.distill_causal_lm(student, windows, steps=80, teacher=teacher, alpha=1.0, batch_size=16, progress=False)
    assert gap(student) < 0.5 * start
