"""Answer bank of week07_rl_for_llms day04_hierarchical_multiturn_rl: a plausible wrong answer, a correct
alternative and, where the exercise denies a call, an answer that makes it.

No library computes returns or GAE over rows with terminal masks in one call (trl 1.16 has no PPO
trainer and no GAE helper); the one-call answer for a row without dones is ``scipy.signal.lfilter``
(the discounted cumulative sum of Spinning Up and rllab), which the returns and GAE exercises deny.
"""

BANK = {
    "discounted_returns": {
        "wrong": '''def discounted_returns(rewards, dones, gamma):
    """G_t = r_t + gamma * (1 - d_t) * G_{t+1} along the last axis, G_T = 0; the rewards' shape and dtype."""
    rewards = torch.as_tensor(rewards)
    returns = torch.zeros_like(rewards)
    future = torch.zeros_like(rewards[..., 0])
    for t in reversed(range(rewards.shape[-1])):
        future = rewards[..., t] + gamma * future          # forgets the terminal mask
        returns[..., t] = future
    return returns
''',
        "why": "ignores the dones, so the return of an episode's last step includes the rewards of the next "
               "episode in the same row",
        "alternative": '''def discounted_returns(rewards, dones, gamma):
    """G_t = r_t + gamma * (1 - d_t) * G_{t+1} along the last axis, G_T = 0; the rewards' shape and dtype."""
    r = torch.as_tensor(rewards)
    ends = torch.as_tensor(dones).reshape(r.shape) != 0
    flat_r, flat_ends = r.reshape(-1, r.shape[-1]), ends.reshape(-1, r.shape[-1])
    rows = []
    for row_rewards, row_ends in zip(flat_r.tolist(), flat_ends.tolist()):
        out, g = [], 0.0
        for reward, end in zip(reversed(row_rewards), reversed(row_ends)):
            g = reward + (0.0 if end else gamma * g)
            out.append(g)
        rows.append(out[::-1])
    return torch.tensor(rows, dtype=r.dtype).reshape(r.shape)
''',
        "denied": '''def discounted_returns(rewards, dones, gamma):
    """G_t = r_t + gamma * (1 - d_t) * G_{t+1} along the last axis, G_T = 0; the rewards' shape and dtype."""
    r = torch.as_tensor(rewards)
    ends = torch.as_tensor(dones).bool().reshape(-1, r.shape[-1]).numpy()
    flat = r.reshape(-1, r.shape[-1]).numpy().astype(np.float64)
    out = np.zeros_like(flat)
    for row in range(len(flat)):
        start = 0
        for stop in list(np.flatnonzero(ends[row]) + 1) + [flat.shape[1]]:
            if stop > start:
                segment = flat[row, start:stop][::-1]
                out[row, start:stop] = scipy.signal.lfilter([1.0], [1.0, -gamma], segment)[::-1]
            start = stop
    return torch.as_tensor(out).to(r.dtype).reshape(r.shape)
''',
    },
    "td_errors": {
        "wrong": '''def td_errors(rewards, values, dones, last_value, gamma):
    """delta_t = r_t + gamma * (1 - d_t) * V(s_{t+1}) - V(s_t), with V(s_T) = last_value; the rewards' shape and dtype."""
    rewards = torch.as_tensor(rewards)
    values = torch.as_tensor(values).to(rewards.dtype)
    ends = torch.as_tensor(dones).bool()
    bootstrap = torch.as_tensor(last_value).to(rewards.dtype).reshape(*values.shape[:-1], 1)
    next_values = torch.cat([values[..., 1:], bootstrap], dim=-1)
    next_ends = torch.cat([ends[..., 1:], torch.zeros_like(ends[..., :1])], dim=-1)   # the NEXT step's done
    return rewards + gamma * (~next_ends).to(rewards.dtype) * next_values - values
''',
        "why": "masks V(s_{t+1}) with the next step's done instead of this step's, so the bootstrap still crosses "
               "the end of an episode (and is dropped one step too early)",
        "alternative": '''def td_errors(rewards, values, dones, last_value, gamma):
    """delta_t = r_t + gamma * (1 - d_t) * V(s_{t+1}) - V(s_t), with V(s_T) = last_value; the rewards' shape and dtype."""
    r = torch.as_tensor(rewards)
    v = torch.as_tensor(values, dtype=r.dtype)
    tail = torch.as_tensor(last_value, dtype=r.dtype)
    shifted = torch.roll(v, shifts=-1, dims=-1).clone()
    shifted[..., -1] = tail
    alive = 1.0 - torch.as_tensor(dones).to(r.dtype)
    return (r - v) + gamma * alive * shifted
''',
    },
    "gae_advantages": {
        "wrong": '''def gae_advantages(rewards, values, dones, last_value, gamma, lam):
    """GAE: A_t = delta_t + gamma * lam * (1 - d_t) * A_{t+1}, A_T = 0; the rewards' shape and dtype."""
    deltas = td_errors(rewards, values, dones, last_value, gamma)
    continues = ~torch.as_tensor(dones).bool()
    advantages = torch.zeros_like(deltas)
    carried = torch.zeros_like(deltas[..., 0])
    for t in range(deltas.shape[-1] - 1, -1, -1):
        carried = deltas[..., t] + gamma * continues[..., t] * carried      # forgot lambda
        advantages[..., t] = carried
    return advantages
''',
        "why": "discounts the carried advantage by gamma instead of gamma * lambda, so every lambda behaves like "
               "lambda = 1",
        "alternative": '''def gae_advantages(rewards, values, dones, last_value, gamma, lam):
    """GAE: A_t = delta_t + gamma * lam * (1 - d_t) * A_{t+1}, A_T = 0; the rewards' shape and dtype."""
    r = torch.as_tensor(rewards)
    r2 = r.reshape(-1, r.shape[-1]).double()
    v2 = torch.as_tensor(values).double().reshape(r2.shape)
    d2 = torch.as_tensor(dones).reshape(r2.shape).double()
    boot = torch.as_tensor(last_value).double().reshape(-1)
    out = torch.empty_like(r2)
    for row in range(r2.shape[0]):
        upcoming_value, running = boot[row], 0.0
        for t in range(r2.shape[1] - 1, -1, -1):
            keep = 1.0 - d2[row, t]
            running = r2[row, t] + gamma * keep * upcoming_value - v2[row, t] + gamma * lam * keep * running
            out[row, t] = running
            upcoming_value = v2[row, t]
    return out.reshape(r.shape).to(r.dtype)
''',
        "denied": '''def gae_advantages(rewards, values, dones, last_value, gamma, lam):
    """GAE: A_t = delta_t + gamma * lam * (1 - d_t) * A_{t+1}, A_T = 0; the rewards' shape and dtype."""
    deltas = td_errors(rewards, values, dones, last_value, gamma)
    flat = deltas.reshape(-1, deltas.shape[-1]).double().numpy()
    ends = torch.as_tensor(dones).bool().reshape(flat.shape).numpy()
    out = np.zeros_like(flat)
    for row in range(len(flat)):
        start = 0
        for stop in list(np.flatnonzero(ends[row]) + 1) + [flat.shape[1]]:
            if stop > start:
                out[row, start:stop] = scipy.signal.lfilter([1.0], [1.0, -gamma * lam], flat[row, start:stop][::-1])[::-1]
            start = stop
    return torch.as_tensor(out).to(deltas.dtype).reshape(deltas.shape)
''',
    },
    "turn_rewards_from_tokens": {
        "wrong": '''def turn_rewards_from_tokens(token_rewards, token_turn, num_turns):
    """(turn_rewards (batch, num_turns), turn_mask (batch, num_turns) bool): token rewards summed per turn."""
    token_rewards = torch.as_tensor(token_rewards)
    token_turn = torch.as_tensor(token_turn).long()
    if token_turn.numel() and (token_turn.min() < -1 or token_turn.max() >= num_turns):
        raise ValueError("turn id out of range")
    index = token_turn.clamp_min(0)                                   # padding lands in turn 0
    sums = torch.zeros(token_rewards.shape[0], num_turns, dtype=token_rewards.dtype).scatter_add_(1, index, token_rewards)
    counts = torch.zeros(token_rewards.shape[0], num_turns).scatter_add_(1, index, torch.ones(index.shape))
    return sums, counts > 0
''',
        "why": "clamps the padding id -1 to 0, so the rewards of padding tokens are added to the first turn and a "
               "row of padding marks turn 0 as played",
        "alternative": '''def turn_rewards_from_tokens(token_rewards, token_turn, num_turns):
    """(turn_rewards (batch, num_turns), turn_mask (batch, num_turns) bool): token rewards summed per turn."""
    values = torch.as_tensor(token_rewards)
    turns = torch.as_tensor(token_turn).long()
    if bool(((turns < -1) | (turns >= num_turns)).any()):
        raise ValueError("a turn id is outside -1 .. num_turns - 1")
    one_hot = (turns[..., None] == torch.arange(num_turns)).to(values.dtype)   # (batch, L, num_turns)
    summed = torch.einsum("bl,blt->bt", values, one_hot)
    return summed, one_hot.sum(dim=1) > 0
''',
    },
    "policy_gradient_loss": {
        "wrong": '''def policy_gradient_loss(log_probs, advantages, mask):
    """-(sum of mask * log_probs * advantages) / (number of valid steps); advantages detached; 0-d tensor.
    (The grader calls it through policy_loss_with_gradients, defined in the cell after this one.)"""
    log_probs = torch.as_tensor(log_probs)
    weights = torch.as_tensor(mask).to(log_probs.dtype)
    advantages = torch.as_tensor(advantages).to(log_probs.dtype)       # not detached
    return -(weights * log_probs * advantages).sum() / weights.sum().clamp_min(1.0)
''',
        "why": "does not detach the advantages, so the actor's loss sends gradients into the critic's values",
        "alternative": '''def policy_gradient_loss(log_probs, advantages, mask):
    """-(sum of mask * log_probs * advantages) / (number of valid steps); advantages detached; 0-d tensor.
    (The grader calls it through policy_loss_with_gradients, defined in the cell after this one.)"""
    lp = torch.as_tensor(log_probs)
    keep = torch.as_tensor(mask).bool()
    with torch.no_grad():
        adv = torch.as_tensor(advantages).to(lp.dtype).clone()
    picked = torch.where(keep, lp * adv, torch.zeros_like(lp))
    count = int(keep.sum())
    if count == 0:
        return picked.sum() * 0.0
    return -picked.sum() / count
''',
    },
    "intrinsic_rewards": {
        "wrong": '''def intrinsic_rewards(tokens, subgoals):
    """float32 (..., K): 1.0 on the last token of each utterance that spells its sub-goal, else 0.0."""
    tokens = torch.as_tensor(tokens).long()
    subgoals = torch.as_tensor(subgoals).long()
    powers = 10 ** torch.arange(tokens.shape[-1] - 1, -1, -1)
    said = (tokens * powers).sum(-1)
    hit = (said == subgoals).float()
    return hit[..., None].expand(tokens.shape).contiguous()          # on EVERY token
''',
        "why": "puts the reward on every token of a correct utterance instead of only on its last token",
        "alternative": '''def intrinsic_rewards(tokens, subgoals):
    """float32 (..., K): 1.0 on the last token of each utterance that spells its sub-goal, else 0.0."""
    t = torch.as_tensor(tokens).long()
    goal = torch.as_tensor(subgoals).long()
    k = t.shape[-1]
    place_values = torch.tensor([10 ** (k - 1 - i) for i in range(k)])
    number = torch.tensordot(t, place_values, dims=([t.ndim - 1], [0]))
    last = torch.zeros(k, dtype=torch.float32)
    last[k - 1] = 1.0
    return (number == goal).float()[..., None] * last
''',
        "denied": '''def intrinsic_rewards(tokens, subgoals):
    """float32 (..., K): 1.0 on the last token of each utterance that spells its sub-goal, else 0.0."""
    tokens = torch.as_tensor(tokens).long()
    rewards = torch.zeros(tokens.shape, dtype=torch.float32)
    rewards[..., -1] = (games.read_number(tokens) == torch.as_tensor(subgoals).long()).float()
    return rewards
''',
    },
    "quiz": {
        "wrong": '''lost_three_then_won = torch.tensor([-0.05, -0.05, -0.05, 0.95])
# Set the six variables below.
predicted_return_at_start = 0.557
predicted_terminal_advantage = 0.35
predicted_binary_turns = 5                      # log2(32), the best case of the worst case
measured_return_at_start = float(discounted_returns(lost_three_then_won, torch.tensor([0, 0, 0, 1]), 0.9)[0])
measured_terminal_advantage = float(gae_advantages(torch.tensor([0.95, -0.05]), torch.tensor([0.6, 0.8]),
                                                   torch.tensor([True, False]), 0.7, 0.9, 0.0)[0])
measured_binary_turns = int(games.play(games.BinarySearchPolicy(), games.ExactSpeaker(), [31], greedy=True).turns[0])
''',
        "why": "predicts log2(32) = 5 turns for the secret 31, but the midpoint rule probes 15, 23, 27, 29, 30 and 31",
        "alternative": '''lost_three_then_won = torch.tensor([-0.05, -0.05, -0.05, 0.95])
# Set the six variables below.
predicted_return_at_start = 0.557
predicted_terminal_advantage = 0.35
predicted_binary_turns = 6
measured_return_at_start = float(discounted_returns(lost_three_then_won.reshape(1, 4),
                                                    torch.tensor([[False, False, False, True]]), 0.9)[0, 0])
measured_terminal_advantage = float(td_errors(torch.tensor([0.95, -0.05]), torch.tensor([0.6, 0.8]),
                                              torch.tensor([True, False]), 0.7, 0.9)[0])
episode = games.play(games.BinarySearchPolicy(), games.ExactSpeaker(), torch.tensor([31]), greedy=True)
measured_binary_turns = int(episode.turn_mask[0].sum())
''',
    },
}
