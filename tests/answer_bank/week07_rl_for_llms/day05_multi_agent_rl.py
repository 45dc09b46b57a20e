"""Answer bank for week07/day05_multi_agent_rl (see tests/answer_bank/__init__.py)."""

BANK = {
    "sample_message": {
        "wrong": '''def sample_message(logits, uniforms):
    """(symbols (B, L) int64, log_probs (B,), entropies (B,)): one inverse-CDF draw per position."""
    logits = torch.as_tensor(logits, dtype=torch.float32)
    uniforms = torch.as_tensor(uniforms, dtype=torch.float32)
    probabilities = torch.softmax(logits, dim=-1)
    symbols = (probabilities.cumsum(-1) <= uniforms[..., None]).sum(-1).clamp(max=logits.shape[-1] - 1)
    log_probabilities = torch.log(probabilities)
    chosen = log_probabilities.gather(-1, symbols[..., None]).squeeze(-1).sum(-1)
    entropies = -(probabilities * log_probabilities).sum(dim=(-2, -1))
    return symbols, chosen, entropies
''',
        "why": "log(softmax) and p * log p: a zero-probability symbol makes the entropy nan (0 * -inf)",
        "alternative": '''def sample_message(logits, uniforms):
    logits = torch.as_tensor(logits, dtype=torch.float32)
    u = torch.as_tensor(uniforms, dtype=torch.float32)
    batch, length, vocab = logits.shape
    normaliser = torch.logsumexp(logits, dim=-1, keepdim=True)
    log_p = logits - normaliser
    cdf = torch.cumsum(torch.exp(log_p), dim=-1).reshape(-1, vocab).contiguous()
    index = torch.searchsorted(cdf, u.reshape(-1, 1).contiguous(), right=True).reshape(batch, length)
    index = torch.minimum(index, torch.tensor(vocab - 1))
    picked = torch.take_along_dim(log_p, index.unsqueeze(-1), dim=-1)[..., 0]
    p = torch.exp(log_p)
    safe_log = torch.nan_to_num(log_p, neginf=0.0)
    entropy = -(p * safe_log).sum(-1).sum(-1)
    return index.to(torch.int64), picked.sum(-1), entropy
''',
        "denied": '''def sample_message(logits, uniforms):
    logits = torch.as_tensor(logits, dtype=torch.float32)
    uniforms = torch.as_tensor(uniforms, dtype=torch.float32)
    probabilities = torch.softmax(logits, dim=-1)
    symbols = (probabilities.cumsum(-1) <= uniforms[..., None]).sum(-1).clamp(max=logits.shape[-1] - 1)
    distribution = torch.distributions.Categorical(logits=logits)
    return symbols, distribution.log_prob(symbols).sum(-1), distribution.entropy().sum(-1)
''',
    },
    "reinforce_loss": {
        "wrong": '''def reinforce_loss(log_probs, rewards, baseline, entropies, entropy_weight):
    log_probs = torch.as_tensor(log_probs).reshape(-1)
    entropies = torch.as_tensor(entropies).reshape(-1)
    rewards = torch.as_tensor(rewards, dtype=log_probs.dtype).reshape(-1)
    advantages = rewards - torch.as_tensor(baseline, dtype=log_probs.dtype).reshape(-1)
    return -(advantages * log_probs).mean() - entropy_weight * entropies.mean()
''',
        "why": "the advantage is not detached: a learned baseline receives gradient from the policy loss",
        "alternative": '''def reinforce_loss(log_probs, rewards, baseline, entropies, entropy_weight):
    log_probs = torch.as_tensor(log_probs)
    batch = log_probs.numel()
    r = torch.as_tensor(rewards).detach().to(log_probs.dtype).view(batch)
    b = torch.as_tensor(baseline).detach().to(log_probs.dtype)
    b = b.expand(batch) if b.numel() == 1 else b.view(batch)
    b = b.reshape(batch) if b.dim() else b
    total = torch.zeros((), dtype=log_probs.dtype)
    for i in range(batch):
        total = total - (r[i] - b[i]) * log_probs.view(batch)[i]
    return total / batch - entropy_weight * torch.as_tensor(entropies).view(batch).sum() / batch
''',
    },
    "update_baseline": {
        "wrong": '''def update_baseline(baseline, rewards, momentum):
    if not 0.0 <= momentum <= 1.0:
        raise ValueError("momentum")
    values = np.asarray(rewards.tolist() if hasattr(rewards, "tolist") else rewards, dtype=float).reshape(-1)
    if values.size == 0:
        raise ValueError("empty")
    return float((1.0 - momentum) * baseline + momentum * values.mean())
''',
        "why": "the momentum weights the new batch mean instead of the old baseline",
        "alternative": '''def update_baseline(baseline, rewards, momentum):
    if momentum < 0 or momentum > 1:
        raise ValueError("the momentum must lie in [0, 1]")
    flat = [float(x) for x in np.asarray(rewards.tolist() if hasattr(rewards, "tolist") else rewards, dtype=float).ravel()]
    if not flat:
        raise ValueError("no rewards")
    batch_mean = sum(flat) / len(flat)
    return float(baseline + (1 - momentum) * (batch_mean - baseline))
''',
    },
    "listener_log_probs": {
        "wrong": '''def listener_log_probs(message_vectors, candidate_vectors, candidate_mask):
    message_vectors = torch.as_tensor(message_vectors, dtype=torch.float32)
    candidate_vectors = torch.as_tensor(candidate_vectors, dtype=torch.float32)
    mask = torch.as_tensor(candidate_mask, dtype=torch.bool)
    if not bool(mask.any(dim=-1).all()):
        raise ValueError("a round without candidates")
    scores = (candidate_vectors * message_vectors[:, None, :]).sum(-1)
    scores = torch.where(mask, scores, torch.zeros_like(scores))
    largest = scores.max(dim=-1, keepdim=True).values
    log_z = largest + torch.log(torch.exp(scores - largest).sum(-1, keepdim=True))
    return torch.where(mask, scores - log_z, torch.full_like(scores, -math.inf))
''',
        "why": "padded candidates get score 0 instead of -inf, so they still enter the normaliser",
        "alternative": '''def listener_log_probs(message_vectors, candidate_vectors, candidate_mask):
    m = torch.as_tensor(message_vectors, dtype=torch.float32)
    c = torch.as_tensor(candidate_vectors, dtype=torch.float32)
    keep = torch.as_tensor(candidate_mask).bool()
    if (keep.sum(dim=1) == 0).any():
        raise ValueError("every row needs a real candidate")
    scores = torch.bmm(c, m.unsqueeze(-1)).squeeze(-1)
    top = torch.where(keep, scores, torch.full_like(scores, -1e30)).amax(dim=1, keepdim=True)
    shifted = scores - top
    weights = torch.where(keep, torch.exp(torch.where(keep, shifted, torch.zeros_like(shifted))), torch.zeros_like(shifted))
    out = shifted - torch.log(weights.sum(dim=1, keepdim=True))
    return out.masked_fill(~keep, float("-inf"))
''',
        "denied": '''def listener_log_probs(message_vectors, candidate_vectors, candidate_mask):
    m = torch.as_tensor(message_vectors, dtype=torch.float32)
    c = torch.as_tensor(candidate_vectors, dtype=torch.float32)
    mask = torch.as_tensor(candidate_mask, dtype=torch.bool)
    if not bool(mask.any(dim=-1).all()):
        raise ValueError("a round without candidates")
    scores = torch.einsum("bd,bkd->bk", m, c).masked_fill(~mask, -math.inf)
    return torch.log_softmax(scores, dim=-1)
''',
    },
    "wilson_interval": {
        "wrong": '''def wilson_interval(successes, trials, confidence=0.95):
    if trials < 1 or not 0 <= successes <= trials or not 0 < confidence < 1:
        raise ValueError("bad arguments")
    z = statistics.NormalDist().inv_cdf((1 + confidence) / 2)
    p = successes / trials
    half = z * math.sqrt(p * (1 - p) / trials)
    return float(max(0.0, p - half)), float(min(1.0, p + half))
''',
        "why": "the Wald interval, not Wilson's: empty at 0 or n successes and not centred where Wilson's is",
        "alternative": '''def wilson_interval(successes, trials, confidence=0.95):
    if trials < 1 or successes < 0 or successes > trials:
        raise ValueError("need 0 <= successes <= trials, trials >= 1")
    if confidence <= 0 or confidence >= 1:
        raise ValueError("confidence in (0, 1)")
    z2 = scipy.stats.norm.ppf(0.5 + confidence / 2) ** 2
    n, s = trials, successes
    a = n + z2
    b = -(2 * s + z2)
    c = s * s / n
    root = math.sqrt(max(b * b - 4 * a * c, 0.0))
    return float(max(0.0, (-b - root) / (2 * a))), float(min(1.0, (-b + root) / (2 * a)))
''',
        "denied": '''def wilson_interval(successes, trials, confidence=0.95):
    if trials < 1 or not 0 <= successes <= trials or not 0 < confidence < 1:
        raise ValueError("bad arguments")
    interval = scipy.stats.binomtest(successes, trials).proportion_ci(confidence_level=confidence, method="wilson")
    return float(interval.low), float(interval.high)
''',
    },
    "topographic_similarity": {
        "wrong": '''def topographic_similarity(meanings, messages):
    meanings, messages = np.asarray(meanings), np.asarray(messages)
    if len(meanings) != len(messages) or len(meanings) < 2:
        raise ValueError("need at least two objects")
    i, j = np.triu_indices(len(meanings), k=1)
    a = (meanings[i] != meanings[j]).sum(1)
    b = (messages[i] != messages[j]).sum(1)
    rank_a = np.argsort(np.argsort(a, kind="stable"), kind="stable").astype(float)
    rank_b = np.argsort(np.argsort(b, kind="stable"), kind="stable").astype(float)
    if rank_a.std() == 0 or rank_b.std() == 0 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(rank_a, rank_b)[0, 1])
''',
        "why": "ordinal ranks instead of average ranks for ties",
        "alternative": '''def topographic_similarity(meanings, messages):
    from scipy.spatial.distance import pdist
    x, y = np.asarray(meanings), np.asarray(messages)
    if x.shape[0] < 2 or x.shape[0] != y.shape[0]:
        raise ValueError("need two or more rows, the same number in both")
    dx = pdist(x, metric="hamming") * x.shape[1]
    dy = pdist(y, metric="hamming") * y.shape[1]

    def ranks(values):
        values = np.round(values, 9)
        result = np.zeros(len(values))
        for v in np.unique(values):
            below = np.sum(values < v)
            equal = np.sum(values == v)
            result[values == v] = below + (equal + 1) / 2
        return result

    rx, ry = ranks(dx), ranks(dy)
    if np.all(rx == rx[0]) or np.all(ry == ry[0]):
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])
''',
        "denied": '''def topographic_similarity(meanings, messages):
    meanings, messages = np.asarray(meanings), np.asarray(messages)
    if len(meanings) != len(messages) or len(meanings) < 2:
        raise ValueError("need at least two objects")
    i, j = np.triu_indices(len(meanings), k=1)
    return float(scipy.stats.spearmanr((meanings[i] != meanings[j]).sum(1), (messages[i] != messages[j]).sum(1)).statistic)
''',
    },
    "quiz": {
        "wrong": '''quiz_candidates = torch.randn(1, 8, 6, generator=torch.Generator().manual_seed(3))
quiz_mask = torch.tensor([[True, True, False, True, False, True, True, False]])
quiz_log_probs = torch.tensor([-0.3, -2.0, -1.1, -0.7, -4.2, -0.05], requires_grad=True)
quiz_attributes = referential_game.attributes()
predicted_padded_chance = 1 / 8
predicted_gradient_norm = 0.0
predicted_relabelled_similarity = 0.5
measured_padded_chance = float(listener_log_probs(torch.zeros(1, 6), quiz_candidates, quiz_mask).exp()[0, 0])
quiz_loss = reinforce_loss(quiz_log_probs, torch.full((6,), 0.7), 0.7, torch.zeros(6), 0.0)
measured_gradient_norm = float(torch.autograd.grad(quiz_loss, quiz_log_probs)[0].norm())
measured_relabelled_similarity = topographic_similarity(quiz_attributes, quiz_attributes[:, ::-1])
''',
        "why": "chance counted over the padded candidates too, and a guessed similarity",
        "alternative": '''quiz_candidates = torch.randn(1, 8, 6, generator=torch.Generator().manual_seed(3))
quiz_mask = torch.tensor([[True, True, False, True, False, True, True, False]])
quiz_log_probs = torch.tensor([-0.3, -2.0, -1.1, -0.7, -4.2, -0.05], requires_grad=True)
quiz_attributes = referential_game.attributes()
predicted_padded_chance = 0.2
predicted_gradient_norm = 0.0
predicted_relabelled_similarity = 1.0
log_probs_untrained = listener_log_probs(torch.zeros(1, 6), quiz_candidates, quiz_mask)
measured_padded_chance = math.exp(float(log_probs_untrained[0, 0]))
loss = reinforce_loss(quiz_log_probs, torch.tensor([0.7] * 6), 0.7, torch.zeros(6), 0.0)
loss.backward()
measured_gradient_norm = float(torch.linalg.vector_norm(quiz_log_probs.grad))
codes = np.column_stack([3 - quiz_attributes[:, 1], (quiz_attributes[:, 0] + 1) % 4])
measured_relabelled_similarity = float(topographic_similarity(quiz_attributes, codes))
''',
    },
}
