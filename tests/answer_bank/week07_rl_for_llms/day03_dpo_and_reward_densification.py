"""Answer bank for week07/day03_dpo_and_reward_densification (see tests/answer_bank/__init__.py)."""

BANK = {
    "sequence_log_prob": {
        "wrong": '''def sequence_log_prob(model, prompt_ids, completion_ids, pad_id=None):
    """float32 (n,): the summed log-probability of each completion after its prompt, padding left out."""
    if prompt_ids.shape[0] != completion_ids.shape[0]:
        raise ValueError("rows differ")
    ids = torch.cat([prompt_ids, completion_ids], dim=1)
    logits = model(input_ids=ids).logits[:, prompt_ids.shape[1]:, :]
    token_scores = torch.log_softmax(logits.float(), dim=-1).gather(2, completion_ids[:, :, None]).squeeze(2)
    if pad_id is not None:
        token_scores = token_scores * (completion_ids != pad_id)
    return token_scores.sum(dim=1)
''',
        "why": "no shift: each completion token is scored by the logits at its own position, which predict the next token",
        "alternative": '''def sequence_log_prob(model, prompt_ids, completion_ids, pad_id=None):
    if len(prompt_ids) != len(completion_ids):
        raise ValueError("prompt_ids and completion_ids need the same number of rows")
    n, P = prompt_ids.shape
    T = completion_ids.shape[1]
    logits = model(input_ids=torch.cat((prompt_ids, completion_ids), 1)).logits.float()
    total = torch.zeros(n, dtype=torch.float32)
    for t in range(T):
        scores = logits[:, P + t - 1, :]
        token = completion_ids[:, t]
        term = scores[torch.arange(n), token] - torch.logsumexp(scores, dim=-1)
        if pad_id is not None:
            term = term * (token != pad_id).float()
        total = total + term
    return total
''',
        "denied": '''def sequence_log_prob(model, prompt_ids, completion_ids, pad_id=None):
    from trl.trainer.utils import selective_log_softmax
    if prompt_ids.shape[0] != completion_ids.shape[0]:
        raise ValueError("rows differ")
    ids = torch.cat([prompt_ids, completion_ids], dim=1)
    logits = model(input_ids=ids).logits[:, prompt_ids.shape[1] - 1:-1, :].float()
    token_scores = selective_log_softmax(logits, completion_ids)
    if pad_id is not None:
        token_scores = token_scores * (completion_ids != pad_id)
    return token_scores.sum(dim=1)
''',
    },
    "dpo_loss": {
        "wrong": '''def dpo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta):
    if beta <= 0:
        raise ValueError("beta must be positive")
    chosen = beta * (policy_chosen - ref_chosen)
    rejected = beta * (policy_rejected - ref_rejected)
    loss = -torch.log(torch.sigmoid(chosen - rejected)).mean()
    return loss, chosen.detach(), rejected.detach()
''',
        "why": "-log(sigmoid(z)) instead of -logsigmoid(z): the sigmoid underflows to 0 for a large negative margin and the loss is inf",
        "alternative": '''def dpo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta):
    if not beta > 0:
        raise ValueError("beta must be positive")
    logits = (policy_chosen - policy_rejected) - (ref_chosen - ref_rejected)
    loss = F.softplus(-beta * logits).mean()
    with torch.no_grad():
        chosen_rewards = (policy_chosen - ref_chosen) * beta
        rejected_rewards = (policy_rejected - ref_rejected) * beta
    return loss, chosen_rewards, rejected_rewards
''',
    },
    "implicit_reward_accuracy": {
        "wrong": '''def implicit_reward_accuracy(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta):
    if beta <= 0:
        raise ValueError("beta must be positive")
    chosen_reward = beta * (policy_chosen - ref_chosen)
    rejected_reward = beta * (policy_rejected - ref_rejected)
    return float((chosen_reward > rejected_reward).float().mean())
''',
        "why": "ties count 0 instead of one half: a policy equal to the reference scores 0, not 0.5",
        "alternative": '''def implicit_reward_accuracy(policy_chosen, policy_rejected, ref_chosen, ref_rejected, beta):
    if beta <= 0:
        raise ValueError("beta must be positive")
    wins = 0.0
    for pc, pr, rc, rr in zip(policy_chosen.tolist(), policy_rejected.tolist(), ref_chosen.tolist(), ref_rejected.tolist()):
        chosen, rejected = beta * (pc - rc), beta * (pr - rr)
        wins += 1.0 if chosen > rejected else (0.5 if chosen == rejected else 0.0)
    return wins / len(policy_chosen)
''',
    },
    "ipo_loss": {
        "wrong": '''def ipo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, chosen_lengths, rejected_lengths, beta):
    if beta <= 0:
        raise ValueError("beta must be positive")
    margin = (policy_chosen - ref_chosen) - (policy_rejected - ref_rejected)
    return ((margin - 1 / (2 * beta)) ** 2).mean()
''',
        "why": "summed log-ratios, not divided by the completion lengths (trl's IPO averages per token)",
        "alternative": '''def ipo_loss(policy_chosen, policy_rejected, ref_chosen, ref_rejected, chosen_lengths, rejected_lengths, beta):
    if not beta > 0:
        raise ValueError("beta must be positive")
    n_chosen = torch.maximum(chosen_lengths, torch.ones_like(chosen_lengths)).float()
    n_rejected = torch.maximum(rejected_lengths, torch.ones_like(rejected_lengths)).float()
    h = policy_chosen / n_chosen - ref_chosen / n_chosen - policy_rejected / n_rejected + ref_rejected / n_rejected
    target = 0.5 / beta
    return torch.mean(torch.square(h - target))
''',
    },
    "digit_rewards": {
        "wrong": '''def digit_rewards(prompts, answers, dense):
    if len(prompts) != len(answers):
        raise ValueError("lengths differ")
    rewards = torch.zeros((len(prompts), 3), dtype=torch.float32)
    for row, (prompt, answer) in enumerate(zip(prompts, answers)):
        right = str(int(prompt[:2]) + int(prompt[3:5]))
        if dense:
            for position in range(min(3, len(right))):
                rewards[row, position] = 1 / 3 if answer[position] == right[position] else 0.0
        elif answer == right.zfill(3):
            rewards[row, 2] = 1.0
    return rewards
''',
        "why": "the right answer without its leading zeros: the digits of a sum below 100 are compared at the wrong positions",
        "alternative": '''def digit_rewards(prompts, answers, dense):
    if len(prompts) != len(answers):
        raise ValueError("one answer per prompt")
    rows = []
    for prompt, answer in zip(prompts, answers):
        right = policies.arithmetic_answer(int(prompt[0:2]), int(prompt[3:5]))
        if dense:
            rows.append([float(a == b) / 3 for a, b in zip(answer, right)])
        else:
            rows.append([0.0, 0.0, float(policies.sum_is_correct(prompt, answer))])
    return torch.tensor(rows, dtype=torch.float32).reshape(len(rows), 3)
''',
    },
    "discounted_returns": {
        "wrong": '''def discounted_returns(rewards, mask, gamma):
    if not 0.0 <= gamma <= 1.0:
        raise ValueError("gamma out of range")
    if rewards.shape != mask.shape:
        raise ValueError("shapes differ")
    returns = torch.zeros_like(rewards)
    running = torch.zeros(rewards.shape[0])
    for t in reversed(range(rewards.shape[1])):
        running = rewards[:, t] + gamma * running
        returns[:, t] = running * mask[:, t]
    return returns
''',
        "why": "the mask only hides the returns at masked positions: rewards after the end of a completion still flow back into earlier returns",
        "alternative": '''def discounted_returns(rewards, mask, gamma):
    if gamma < 0 or gamma > 1:
        raise ValueError("gamma must be in [0, 1]")
    if tuple(rewards.shape) != tuple(mask.shape):
        raise ValueError("rewards and mask must have the same shape")
    n, T = rewards.shape
    powers = gamma ** (torch.arange(T)[None, :] - torch.arange(T)[:, None]).clamp(min=0).double()
    upper = torch.triu(torch.ones(T, T, dtype=torch.float64)) * powers        # [t, s] = gamma^(s - t) for s >= t
    # a position s counts for t only if every position from t to s is inside the completion
    out = torch.zeros(n, T, dtype=torch.float64)
    for t in range(T):
        inside = torch.cumprod(mask[:, t:].double(), dim=1)
        out[:, t] = (rewards[:, t:].double() * inside * upper[t, t:]).sum(dim=1)
    return out.float()
''',
        "denied": '''def discounted_returns(rewards, mask, gamma):
    from nlpcourse import rlhf
    if not 0.0 <= gamma <= 1.0:
        raise ValueError("gamma out of range")
    if rewards.shape != mask.shape:
        raise ValueError("shapes differ")
    if gamma == 1.0:
        return rlhf.returns_to_go(rewards, mask)
    returns = torch.zeros_like(rewards)
    running = torch.zeros(rewards.shape[0])
    for t in reversed(range(rewards.shape[1])):
        running = mask[:, t] * (rewards[:, t] + gamma * running)
        returns[:, t] = running
    return returns
''',
    },
    "quiz": {
        "wrong": '''quiz_chosen = torch.tensor([-31.2, -12.5, -48.0, -20.3])
quiz_rejected = torch.tensor([-25.9, -40.1, -18.7, -33.3])
quiz_chosen_lengths, quiz_rejected_lengths = torch.tensor([9, 4, 14, 6]), torch.tensor([8, 13, 5, 11])
predicted_initial_dpo_loss = 0.693
predicted_initial_ipo_loss = 2.0
predicted_first_return = 0.25
measured_initial_dpo_loss = dpo_loss(quiz_chosen, quiz_rejected, quiz_chosen, quiz_rejected, 0.1)[0].item()
measured_initial_ipo_loss = ipo_loss(quiz_chosen, quiz_rejected, quiz_chosen, quiz_rejected,
                                     quiz_chosen_lengths, quiz_rejected_lengths, 0.25).item()
measured_first_return = discounted_returns(digit_rewards(["47+25="], ["172"], dense=True), torch.ones(1, 3), 0.5)[0, 0].item()
''',
        "why": "predicts the IPO target 1/(2 beta) = 2 instead of its square, the loss at a margin of 0",
        "alternative": '''quiz_chosen = torch.tensor([-31.2, -12.5, -48.0, -20.3])
quiz_rejected = torch.tensor([-25.9, -40.1, -18.7, -33.3])
quiz_chosen_lengths, quiz_rejected_lengths = torch.tensor([9, 4, 14, 6]), torch.tensor([8, 13, 5, 11])
predicted_initial_dpo_loss = 0.6931
predicted_initial_ipo_loss = 4.0
predicted_first_return = 0.5 * (1 / 3) + 0.25 * (1 / 3)
loss, _, _ = dpo_loss(quiz_chosen, quiz_rejected, quiz_chosen.clone(), quiz_rejected.clone(), 0.1)
measured_initial_dpo_loss = float(loss)
measured_initial_ipo_loss = float(ipo_loss(quiz_chosen, quiz_rejected, quiz_chosen, quiz_rejected,
                                           quiz_chosen_lengths, quiz_rejected_lengths, 0.25))
returns = discounted_returns(digit_rewards(["47+25="], ["172"], True), torch.ones((1, 3)), 0.5)
measured_first_return = float(returns[0][0])
''',
    },
}
