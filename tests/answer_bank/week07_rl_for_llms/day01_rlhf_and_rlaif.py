"""Answer bank of week07_rl_for_llms day01_rlhf_and_rlaif: a plausible wrong answer, a correct alternative and,
where the checks deny a call, an answer that makes it, per exercise."""

_JUDGE_HEAD = '''NEGATION_WORDS = {"not", "no", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "without", "cannot"}
VADER_NEGATION_SCALE = -0.74


'''

BANK = {
    "rule_based_judge": {
        "wrong": _JUDGE_HEAD + '''def rule_based_judge(text, lexicon):
    """Lexicon sentiment of a text in (-1, 1): valences summed, flipped after a negation, squashed like VADER."""
    tokens = text.lower().split()
    total = 0.0
    for i, token in enumerate(tokens):
        valence = lexicon.get(token, 0.0)
        if i > 0 and (tokens[i - 1] in NEGATION_WORDS or tokens[i - 1].endswith("n't")):   # ONLY the previous word
            valence *= VADER_NEGATION_SCALE
        total += valence
    return float(total / math.sqrt(total * total + 15.0))
''',
        "why": "looks for a negation only in the word just before, not in the three previous words, so 'not very good' "
               "or 'didn't like the bad' keep their positive (or negative) sign",
        "alternative": _JUDGE_HEAD + '''def rule_based_judge(text, lexicon):
    """Lexicon sentiment of a text in (-1, 1): valences summed, flipped after a negation, squashed like VADER."""
    words = [w.lower() for w in text.split()]
    flags = [w in NEGATION_WORDS or w[-3:] == "n't" for w in words]
    s = 0.0
    for position, word in enumerate(words):
        if word not in lexicon:
            continue
        window = flags[max(position - 3, 0):position]
        s += lexicon[word] * (VADER_NEGATION_SCALE if True in window else 1.0)
    return s / (s ** 2 + 15) ** 0.5 if s else 0.0
''',
        "denied": _JUDGE_HEAD + '''def rule_based_judge(text, lexicon):
    """Lexicon sentiment of a text in (-1, 1): valences summed, flipped after a negation, squashed like VADER."""
    analyser = SentimentIntensityAnalyzer()
    analyser.lexicon = dict(lexicon)
    return float(analyser.polarity_scores(text.lower())["compound"])
''',
    },
    "bradley_terry_loss": {
        "wrong": '''def bradley_terry_loss(reward_chosen, reward_rejected):
    """Mean of -log sigmoid(r_chosen - r_rejected) over the pairs, computed stably: a 0-d tensor."""
    chosen, rejected = torch.as_tensor(reward_chosen), torch.as_tensor(reward_rejected)
    if chosen.shape != rejected.shape or chosen.numel() == 0:
        raise ValueError("need two reward vectors of the same, non-zero length")
    return -torch.log(torch.sigmoid(chosen - rejected)).mean()          # sigmoid underflows to 0: log gives -inf
''',
        "why": "computes log(sigmoid(d)) directly: for a badly ordered pair (margin below about -100 in float32) "
               "sigmoid rounds to 0 and the loss becomes infinite",
        "alternative": '''def bradley_terry_loss(reward_chosen, reward_rejected):
    """Mean of -log sigmoid(r_chosen - r_rejected) over the pairs, computed stably: a 0-d tensor."""
    chosen = torch.as_tensor(reward_chosen)
    rejected = torch.as_tensor(reward_rejected).to(chosen.dtype)
    if tuple(chosen.shape) != tuple(rejected.shape):
        raise ValueError("shapes differ")
    if len(chosen) == 0:
        raise ValueError("empty")
    margin = rejected - chosen
    return torch.sum(F.softplus(margin)) / margin.numel()               # -log sigmoid(d) = softplus(-d)
''',
        "denied": '''def bradley_terry_loss(reward_chosen, reward_rejected):
    """Mean of -log sigmoid(r_chosen - r_rejected) over the pairs, computed stably: a 0-d tensor."""
    chosen, rejected = torch.as_tensor(reward_chosen), torch.as_tensor(reward_rejected)
    if chosen.shape != rejected.shape or chosen.numel() == 0:
        raise ValueError("need two reward vectors of the same, non-zero length")
    return F.binary_cross_entropy_with_logits(chosen - rejected, torch.ones_like(chosen))
''',
    },
    "completion_log_probs": {
        "wrong": '''def completion_log_probs(logits, sequences, prompt_length, mask):
    """Per-token log-probabilities (n, T) of the completion tokens, 0 where mask is 0."""
    logits, sequences = torch.as_tensor(logits), torch.as_tensor(sequences).long()
    if not 1 <= prompt_length < sequences.shape[1]:
        raise ValueError("prompt_length out of range")
    log_probabilities = torch.log_softmax(logits[:, prompt_length - 1:-1, :], dim=-1)
    picked = log_probabilities.gather(-1, sequences[:, prompt_length:, None]).squeeze(-1)
    return picked                                                        # forgets the mask: padding counts
''',
        "why": "shifts correctly but never applies the mask, so the padding after <eos> keeps non-zero log-probabilities",
        "alternative": '''def completion_log_probs(logits, sequences, prompt_length, mask):
    """Per-token log-probabilities (n, T) of the completion tokens, 0 where mask is 0."""
    logits = torch.as_tensor(logits)
    sequences = torch.as_tensor(sequences)
    n, length = sequences.shape
    if prompt_length < 1 or prompt_length >= length:
        raise ValueError("bad prompt length")
    mask = torch.as_tensor(mask)
    out = torch.zeros(n, length - prompt_length, dtype=logits.dtype)
    for t in range(length - prompt_length):
        row_logits = logits[:, prompt_length + t - 1, :]                              # (n, V)
        normaliser = torch.logsumexp(row_logits, dim=-1)
        chosen = row_logits[torch.arange(n), sequences[:, prompt_length + t].long()]
        out[:, t] = torch.where(mask[:, t] != 0, chosen - normaliser, torch.zeros((), dtype=logits.dtype))
    return out
''',
        "denied": '''def completion_log_probs(logits, sequences, prompt_length, mask):
    """Per-token log-probabilities (n, T) of the completion tokens, 0 where mask is 0."""
    logits, sequences = torch.as_tensor(logits), torch.as_tensor(sequences).long()
    if not 1 <= prompt_length < sequences.shape[1]:
        raise ValueError("prompt_length out of range")
    distribution = torch.distributions.Categorical(logits=logits[:, prompt_length - 1:-1, :])
    return distribution.log_prob(sequences[:, prompt_length:]) * torch.as_tensor(mask).to(logits.dtype)
''',
    },
    "kl_penalised_rewards": {
        "wrong": '''def kl_penalised_rewards(scores, logp_policy, logp_reference, mask, beta):
    """Per-token rewards (n, T): -beta * (log pi - log pi_ref) on real tokens, plus each score at its last real token."""
    logp_policy = torch.as_tensor(logp_policy)
    mask = torch.as_tensor(mask).to(logp_policy.dtype)
    rewards = -beta * (logp_policy - torch.as_tensor(logp_reference).to(logp_policy.dtype)) * mask
    rewards[:, -1] += torch.as_tensor(scores).to(logp_policy.dtype)     # the LAST POSITION, padding or not
    return rewards
''',
        "why": "adds the score at the last position of every row instead of at the row's last real token, so a "
               "completion that stopped early gets its score on padding (and an empty row gets one too)",
        "alternative": '''def kl_penalised_rewards(scores, logp_policy, logp_reference, mask, beta):
    """Per-token rewards (n, T): -beta * (log pi - log pi_ref) on real tokens, plus each score at its last real token."""
    new = torch.as_tensor(logp_policy)
    real = torch.as_tensor(mask).to(new.dtype)
    penalty = beta * (new - torch.as_tensor(logp_reference).to(new.dtype))
    # 1 at the last real token: a real token whose right neighbour is padding (or the end of the row)
    following = torch.cat([real[:, 1:], torch.zeros_like(real[:, :1])], dim=1)
    last = real * (1 - following)
    return (torch.as_tensor(scores).to(new.dtype).reshape(-1, 1) * last - penalty) * real
''',
    },
    "whiten": {
        "wrong": '''def whiten(values, mask):
    """Mean 0, variance 1 over the real tokens (mask 1), computed over those tokens only; 0 on padding."""
    values = torch.as_tensor(values)
    mask = torch.as_tensor(mask).to(values.dtype)
    if mask.sum() == 0:
        raise ValueError("nothing to whiten")
    mean, variance = values.mean(), values.var(unbiased=False)           # statistics over the padding too
    return (values - mean) / torch.sqrt(variance + 1e-8) * mask
''',
        "why": "computes the mean and variance over every position, padding included, so the statistics are dragged "
               "by the padded values",
        "alternative": '''def whiten(values, mask):
    """Mean 0, variance 1 over the real tokens (mask 1), computed over those tokens only; 0 on padding."""
    values = torch.as_tensor(values)
    keep = torch.as_tensor(mask) != 0
    if not bool(keep.any()):
        raise ValueError("empty mask")
    real = values[keep]
    centred = real - real.mean()
    result = torch.zeros_like(values)
    result[keep] = centred / torch.sqrt((centred * centred).mean() + 1e-8)
    return result
''',
    },
    "ppo_clipped_loss": {
        "wrong": '''def ppo_clipped_loss(new_logp, old_logp, advantages, mask, clip):
    """PPO's clipped surrogate loss: the masked mean over all real tokens of -min(rho A, clip(rho) A)."""
    new_logp = torch.as_tensor(new_logp)
    old_logp = torch.as_tensor(old_logp).to(new_logp.dtype)
    advantages = torch.as_tensor(advantages).to(new_logp.dtype)
    mask = torch.as_tensor(mask).to(new_logp.dtype)
    if mask.sum() == 0:
        raise ValueError("no token")
    ratio = torch.exp(new_logp - old_logp)
    surrogate = torch.maximum(ratio * advantages, torch.clamp(ratio, 1 - clip, 1 + clip) * advantages)   # MAX
    return -(surrogate * mask).sum() / mask.sum()
''',
        "why": "takes the max of the two surrogate terms instead of the min: an optimistic objective that never stops "
               "the gradient and credits moves that made things worse",
        "alternative": '''def ppo_clipped_loss(new_logp, old_logp, advantages, mask, clip):
    """PPO's clipped surrogate loss: the masked mean over all real tokens of -min(rho A, clip(rho) A)."""
    new = torch.as_tensor(new_logp)
    old = torch.as_tensor(old_logp).to(new.dtype)
    adv = torch.as_tensor(advantages).to(new.dtype)
    real = torch.as_tensor(mask) != 0
    if int(real.sum()) == 0:
        raise ValueError("no real token")
    rho = (new - old).exp()
    unclipped = -adv * rho
    clipped = -adv * rho.clamp(min=1 - clip, max=1 + clip)
    per_token = torch.where(unclipped > clipped, unclipped, clipped)     # -min(x, y) = max(-x, -y)
    return per_token[real].mean()
''',
    },
    "quiz": {
        "wrong": '''# Set the six variables below.
predicted_tie_loss = 0.0                                   # thinks equal rewards mean no loss
predicted_clipped_loss = 1.0                               # takes the unclipped term rho * A
predicted_total_reward = 0.8 - 0.1 * (0.5 - 0.2 + 1.0 + 3.0)   # counts the padded token
measured_tie_loss = float(bradley_terry_loss(torch.tensor([0.7, -1.2]), torch.tensor([0.7, -1.2])))
measured_clipped_loss = float(ppo_clipped_loss(torch.tensor([[-2.0 + math.log(0.5)]]), torch.tensor([[-2.0]]),
                                               torch.tensor([[-2.0]]), torch.ones(1, 1), 0.2))
measured_total_reward = float(kl_penalised_rewards(torch.tensor([0.8]), torch.tensor([[0.5, -0.2, 1.0, 3.0]]),
                                                   torch.zeros(1, 4), torch.ones(1, 4), 0.1).sum())
''',
        "why": "predicts a zero loss for a tie, forgets that the min picks the clipped term when A < 0, and measures the "
               "total reward with a mask that counts the padded token",
        "alternative": '''# Set the six variables below.
predicted_tie_loss = 0.693
predicted_clipped_loss = 1.6
predicted_total_reward = 0.67
_same = torch.tensor([0.7, -1.2])
measured_tie_loss = bradley_terry_loss(_same, _same.clone()).item()
_old = torch.full((1, 1), -2.0)
measured_clipped_loss = ppo_clipped_loss(_old + math.log(0.5), _old, torch.full((1, 1), -2.0), torch.ones(1, 1), 0.2).item()
_rewards = kl_penalised_rewards(torch.tensor([0.8]), torch.tensor([[0.5, -0.2, 1.0, 3.0]]), torch.zeros(1, 4),
                                torch.tensor([[1.0, 1.0, 1.0, 0.0]]), 0.1)
measured_total_reward = float(sum(_rewards[0].tolist()))
''',
    },
}
