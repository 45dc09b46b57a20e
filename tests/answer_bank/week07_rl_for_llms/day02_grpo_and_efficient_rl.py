"""Answer bank of week07_rl_for_llms day02_grpo_and_efficient_rl: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "group_advantages": {
        "wrong": '''def group_advantages(rewards, group_size, eps=1e-4):
    """(r - group mean) / (group std + eps) for rewards laid out group by group; float32, same length."""
    rewards = torch.as_tensor(rewards, dtype=torch.float32).reshape(-1)
    if group_size < 1 or len(rewards) % group_size != 0:
        raise ValueError("bad group size")
    if len(rewards) == 0:
        return rewards
    return (rewards - rewards.mean()) / (rewards.std() + eps)     # the WHOLE batch, not each group
''',
        "why": "normalises by the mean and std of the whole batch instead of each prompt's group",
        "alternative": '''def group_advantages(rewards, group_size, eps=1e-4):
    """(r - group mean) / (group std + eps) for rewards laid out group by group; float32, same length."""
    values = np.asarray(rewards, dtype=np.float64).reshape(-1)
    if group_size < 1 or values.size % group_size:
        raise ValueError("the rewards do not split into whole groups")
    out = np.zeros_like(values)
    for start in range(0, values.size, group_size):
        group = values[start:start + group_size]
        spread = group.std(ddof=1) if group_size > 1 else 0.0
        out[start:start + group_size] = (group - group.mean()) / (spread + eps)
    return torch.from_numpy(out).float()
''',
        "denied": '''def group_advantages(rewards, group_size, eps=1e-4):
    """(r - group mean) / (group std + eps) for rewards laid out group by group; float32, same length."""
    from trl.trainer.utils import nanstd

    rewards = torch.as_tensor(rewards, dtype=torch.float32).reshape(-1)
    if group_size < 1 or len(rewards) % group_size != 0:
        raise ValueError("bad group size")
    groups = rewards.reshape(-1, group_size)
    spread = nanstd(groups, dim=1, keepdim=True) if group_size > 1 else torch.zeros(len(groups), 1)
    return ((groups - groups.mean(dim=1, keepdim=True)) / (spread + eps)).reshape(-1)
''',
    },
    "verifier_rewards": {
        "wrong": '''def verifier_rewards(prompts, completions, group_size):
    """1.0 where completions[i] (a 3-character answer) is right for its prompt, else 0.0; float32 (len(completions),)."""
    if len(completions) != len(prompts) * group_size:
        raise ValueError("lengths do not match")
    rewards = torch.zeros(len(completions), dtype=torch.float32)
    for i, completion in enumerate(completions):
        rewards[i] = float(policies.sum_is_correct(prompts[i % len(prompts)], completion))
    return rewards
''',
        "why": "pairs completion i with prompt i % n (the layout of repeat) instead of i // G (group by group)",
        "alternative": '''def verifier_rewards(prompts, completions, group_size):
    """1.0 where completions[i] (a 3-character answer) is right for its prompt, else 0.0; float32 (len(completions),)."""
    if len(prompts) * group_size != len(completions):
        raise ValueError("one group of completions per prompt")
    expanded = [prompt for prompt in prompts for _ in range(group_size)]
    return torch.tensor([1.0 if policies.sum_is_correct(p, c) else 0.0 for p, c in zip(expanded, completions)],
                        dtype=torch.float32)
''',
    },
    "answer_log_probs": {
        "wrong": '''def answer_log_probs(model, sequences, prompt_length):
    """float32 (n, L - P): log pi(answer token | everything before it), from one forward pass, with gradients."""
    sequences = torch.as_tensor(sequences, dtype=torch.long)
    if not 1 <= prompt_length < sequences.shape[1]:
        raise ValueError("bad prompt length")
    logits = model(sequences).logits[:, prompt_length:]                 # no shift: position j scores token j
    log_probs = torch.log_softmax(logits, dim=-1)
    return log_probs.gather(-1, sequences[:, prompt_length:, None]).squeeze(-1)
''',
        "why": "forgets the shift: scores the token at position j with the logits at j instead of j - 1",
        "alternative": '''def answer_log_probs(model, sequences, prompt_length):
    """float32 (n, L - P): log pi(answer token | everything before it), from one forward pass, with gradients."""
    ids = torch.as_tensor(sequences).long()
    length = ids.shape[1]
    if prompt_length < 1 or prompt_length >= length:
        raise ValueError("the prompt must leave at least one answer token")
    logits = model(ids).logits.float()
    predictions = logits[:, :-1]                                        # (n, L - 1, V) predict positions 1..L-1
    targets = ids[:, 1:]
    token_logp = predictions.gather(2, targets[..., None])[..., 0] - torch.logsumexp(predictions, dim=2)
    return token_logp[:, prompt_length - 1:]
''',
        "denied": '''def answer_log_probs(model, sequences, prompt_length):
    """float32 (n, L - P): log pi(answer token | everything before it), from one forward pass, with gradients."""
    from trl.trainer.utils import selective_log_softmax

    sequences = torch.as_tensor(sequences, dtype=torch.long)
    if not 1 <= prompt_length < sequences.shape[1]:
        raise ValueError("bad prompt length")
    logits = model(sequences).logits[:, prompt_length - 1:-1].float()
    return selective_log_softmax(logits, sequences[:, prompt_length:])
''',
    },
    "grpo_loss": {
        "wrong": '''def grpo_loss(new_logp, old_logp, ref_logp, advantages, mask=None, clip=0.2, beta=0.04):
    """GRPO's loss: -mean over sequences of the masked token mean of [clipped surrogate - beta * k3 KL]."""
    new_logp = torch.as_tensor(new_logp, dtype=torch.float32)
    old_logp = torch.as_tensor(old_logp, dtype=torch.float32)
    ref_logp = torch.as_tensor(ref_logp, dtype=torch.float32)
    advantage = torch.as_tensor(advantages, dtype=torch.float32)[:, None]
    weight = torch.ones_like(new_logp) if mask is None else torch.as_tensor(mask).float()
    ratio = torch.exp(new_logp - old_logp)
    clipped = torch.clamp(ratio, 1 - clip, 1 + clip) * advantage        # clipped term only, no min
    gap = ref_logp - new_logp
    per_token = -(clipped - beta * (torch.exp(gap) - gap - 1))
    return ((per_token * weight).sum(1) / weight.sum(1).clamp(min=1.0)).mean()
''',
        "why": "uses the clipped term alone instead of the minimum of the clipped and unclipped terms (no pessimistic bound)",
        "alternative": '''def grpo_loss(new_logp, old_logp, ref_logp, advantages, mask=None, clip=0.2, beta=0.04):
    """GRPO's loss: -mean over sequences of the masked token mean of [clipped surrogate - beta * k3 KL]."""
    new = torch.as_tensor(new_logp).float()
    old = torch.as_tensor(old_logp).float()
    ref = torch.as_tensor(ref_logp).float()
    a = torch.as_tensor(advantages).float().view(-1, 1).expand_as(new)
    keep = torch.ones_like(new) if mask is None else torch.as_tensor(mask).float()
    log_ratio = new - old
    ratio = log_ratio.exp()
    objective = torch.where(a >= 0, torch.minimum(ratio, torch.full_like(ratio, 1 + clip)) * a,
                            torch.maximum(ratio, torch.full_like(ratio, 1 - clip)) * a)
    kl = (ref - new).exp() - (ref - new) - 1
    token_loss = beta * kl - objective
    counts = keep.sum(dim=1)
    rows = torch.where(counts > 0, (token_loss * keep).sum(dim=1) / counts.clamp(min=1), torch.zeros_like(counts))
    return rows.mean()
''',
    },
    "zero_advantage_share": {
        "wrong": '''def zero_advantage_share(rewards, group_size):
    """Share (a Python float) of the groups of group_size consecutive rewards whose rewards are all equal."""
    rewards = torch.as_tensor(rewards, dtype=torch.float32).reshape(-1)
    if group_size < 1 or len(rewards) == 0 or len(rewards) % group_size != 0:
        raise ValueError("bad shape")
    groups = rewards.reshape(-1, group_size)
    return float((groups.sum(dim=1) == 0).float().mean())              # only the all-WRONG groups
''',
        "why": "counts only the groups where every answer is wrong, forgetting that all-right groups also have zero advantage",
        "alternative": '''def zero_advantage_share(rewards, group_size):
    """Share (a Python float) of the groups of group_size consecutive rewards whose rewards are all equal."""
    values = np.asarray(rewards, dtype=np.float64).ravel()
    if group_size < 1 or values.size == 0 or values.size % group_size:
        raise ValueError("need whole, non-empty groups")
    table = values.reshape(-1, group_size)
    return float(np.mean(table.max(axis=1) == table.min(axis=1)))
''',
    },
    "difficulty_weights": {
        "wrong": '''def difficulty_weights(pass_rates, group_size):
    """float32 (m,) summing to 1, proportional to the chance 1 - p^G - (1 - p)^G that a group has mixed rewards."""
    pass_rates = torch.as_tensor(pass_rates, dtype=torch.float32).reshape(-1)
    if group_size < 1 or len(pass_rates) == 0:
        raise ValueError("bad input")
    weights = pass_rates * (1 - pass_rates)                             # p(1 - p): ignores the group size
    if float(weights.sum()) <= 0:
        return torch.full_like(pass_rates, 1.0 / len(pass_rates))
    return weights / weights.sum()
''',
        "why": "weights by p(1 - p), the variance of one reward, instead of the chance that a group of G has mixed rewards",
        "alternative": '''def difficulty_weights(pass_rates, group_size):
    """float32 (m,) summing to 1, proportional to the chance 1 - p^G - (1 - p)^G that a group has mixed rewards."""
    p = np.asarray(pass_rates, dtype=np.float64).ravel()
    if p.size == 0 or group_size < 1:
        raise ValueError("need pass rates and G >= 1")
    w = np.maximum(1.0 - np.power(p, group_size) - np.power(1.0 - p, group_size), 0.0)
    total = w.sum()
    w = w / total if total > 0 else np.ones_like(p) / p.size
    return torch.tensor(w, dtype=torch.float32)
''',
    },
    "schedule": {
        "wrong": '''def schedule(actor_times, learner_times, staleness):
    """float64 (K, 4): actor start, actor end, learner start, learner end of each batch, as early as the rules allow."""
    actor_times = np.asarray(actor_times, dtype=np.float64).reshape(-1)
    learner_times = np.asarray(learner_times, dtype=np.float64).reshape(-1)
    if len(actor_times) != len(learner_times) or staleness < 0:
        raise ValueError("bad input")
    spans = np.zeros((len(actor_times), 4))
    for k in range(len(actor_times)):
        start = spans[k - 1, 1] if k > 0 else 0.0
        if k - 1 - staleness >= 0:
            start = max(start, spans[k - 1 - staleness, 3])
        spans[k, :2] = start, start + actor_times[k]
        spans[k, 2] = spans[k, 1]                                       # forgets the learner may still be busy
        spans[k, 3] = spans[k, 2] + learner_times[k]
    return spans
''',
        "why": "starts update k as soon as batch k is generated, even while the learner is still busy with update k - 1",
        "alternative": '''def schedule(actor_times, learner_times, staleness):
    """float64 (K, 4): actor start, actor end, learner start, learner end of each batch, as early as the rules allow."""
    if len(actor_times) != len(learner_times):
        raise ValueError("lengths differ")
    if not isinstance(staleness, (int, np.integer)) or staleness < 0:
        raise ValueError("staleness must be an int >= 0")
    actor_free, learner_free = 0.0, 0.0
    update_done = []
    rows = []
    for k, (generate, learn) in enumerate(zip(actor_times, learner_times)):
        begin = actor_free
        if k - 1 - staleness >= 0:
            begin = max(begin, update_done[k - 1 - staleness])
        actor_free = begin + float(generate)
        learn_begin = max(actor_free, learner_free)
        learner_free = learn_begin + float(learn)
        update_done.append(learner_free)
        rows.append([begin, actor_free, learn_begin, learner_free])
    return np.array(rows, dtype=np.float64).reshape(-1, 4)
''',
    },
    "quiz": {
        "wrong": '''simulated_rewards = torch.bernoulli(torch.full((20000 * 4,), 0.9), generator=torch.Generator().manual_seed(7))
quiz_rewards = torch.tensor([1., 0., 0., 0., 1., 1., 0., 1., 0., 0., 0., 0.])
quiz_logp = torch.log(torch.rand(12, 3, generator=torch.Generator().manual_seed(8)))
# Set the six variables below.
predicted_top_advantage = 0.75 / math.sqrt(0.1875)    # population std, not Bessel's
predicted_zero_share = 0.1 ** 4                       # only the all-wrong groups
predicted_first_loss = 0.0
measured_top_advantage = float(group_advantages(torch.tensor([1., 0., 0., 0.]), 4)[0])
measured_zero_share = zero_advantage_share(simulated_rewards, 4)
measured_first_loss = float(grpo_loss(quiz_logp, quiz_logp, quiz_logp, group_advantages(quiz_rewards, 4)))
''',
        "why": "predicts with the population std (1.732) and counts only the all-wrong groups as wasted",
        "alternative": '''simulated_rewards = torch.bernoulli(torch.full((20000 * 4,), 0.9), generator=torch.Generator().manual_seed(7))
quiz_rewards = torch.tensor([1., 0., 0., 0., 1., 1., 0., 1., 0., 0., 0., 0.])
quiz_logp = torch.log(torch.rand(12, 3, generator=torch.Generator().manual_seed(8)))
# Set the six variables below.
predicted_top_advantage = 0.75 / 0.5
predicted_zero_share = 0.6562
predicted_first_loss = 0.0
measured_top_advantage = group_advantages(np.array([1.0, 0.0, 0.0, 0.0]), 4)[0].item()
measured_zero_share = float(zero_advantage_share(simulated_rewards.numpy(), 4))
_advantages = group_advantages(quiz_rewards, 4)
measured_first_loss = grpo_loss(quiz_logp.clone(), quiz_logp.clone(), quiz_logp.clone(), _advantages).item()
''',
    },
}
