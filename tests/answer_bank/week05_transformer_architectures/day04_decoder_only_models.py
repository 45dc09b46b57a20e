"""Answer bank of week05_transformer_architectures day04_decoder_only_models: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "causal_lm_loss": {
        "wrong": '''def causal_lm_loss(logits, input_ids, attention_mask=None):
    """Mean next-token negative log-likelihood: logits (B, L, V) scored against input_ids shifted by one."""
    logits = torch.as_tensor(logits)
    input_ids = torch.as_tensor(input_ids, dtype=torch.long)
    real = torch.ones_like(input_ids, dtype=torch.bool) if attention_mask is None else torch.as_tensor(attention_mask).bool()
    log_probabilities = torch.log_softmax(logits[:, :-1], dim=-1)
    picked = log_probabilities.gather(-1, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    return -picked[real[:, :-1]].mean()  # the mask of the PREDICTING position, not of the target
''',
        "why": "takes the padding mask at the predicting position instead of the target position, so the prediction of the "
               "first padding token counts and that of the first real token after left padding does not",
        "alternative": '''def causal_lm_loss(logits, input_ids, attention_mask=None):
    """Mean next-token negative log-likelihood: logits (B, L, V) scored against input_ids shifted by one."""
    scores = torch.as_tensor(logits)
    ids = torch.as_tensor(input_ids).long()
    batch, length, _ = scores.shape
    mask = torch.ones(batch, length) if attention_mask is None else torch.as_tensor(attention_mask).to(torch.float64)
    total, count = torch.zeros((), dtype=scores.dtype), 0.0
    for row in range(batch):
        for position in range(1, length):
            if mask[row, position] > 0:
                previous = scores[row, position - 1]
                total = total + torch.logsumexp(previous, dim=0) - previous[ids[row, position]]
                count += 1.0
    return total / count
''',
        "denied": '''def causal_lm_loss(logits, input_ids, attention_mask=None):
    """Mean next-token negative log-likelihood: logits (B, L, V) scored against input_ids shifted by one."""
    logits = torch.as_tensor(logits)
    labels = torch.as_tensor(input_ids, dtype=torch.long).clone()
    if attention_mask is not None:
        labels[~torch.as_tensor(attention_mask).bool()] = -100
    return F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), labels[:, 1:].reshape(-1), ignore_index=-100)
''',
    },
    "temperature_softmax": {
        "wrong": '''def temperature_softmax(logits, temperature):
    """The distribution to sample from at `temperature`: (..., V) logits -> (..., V) probabilities."""
    if temperature <= 0:
        raise ValueError("temperature must be > 0")
    return torch.softmax(torch.as_tensor(logits) * temperature, dim=-1)  # multiplies instead of dividing
''',
        "why": "multiplies the logits by the temperature, so a low temperature flattens the distribution instead of sharpening it",
        "alternative": '''def temperature_softmax(logits, temperature):
    """The distribution to sample from at `temperature`: (..., V) logits -> (..., V) probabilities."""
    if temperature <= 0 or temperature != temperature:
        raise ValueError("the temperature must be positive")
    scaled = torch.as_tensor(logits) / temperature
    shifted = scaled - scaled.max(dim=-1, keepdim=True).values
    weights = torch.exp(shifted)
    return weights / weights.sum(dim=-1, keepdim=True)
''',
        "denied": '''def temperature_softmax(logits, temperature):
    """The distribution to sample from at `temperature`: (..., V) logits -> (..., V) probabilities."""
    from transformers import TemperatureLogitsWarper

    return torch.softmax(TemperatureLogitsWarper(float(temperature))(None, torch.as_tensor(logits)), dim=-1)
''',
    },
    "top_k_filter": {
        "wrong": '''def top_k_filter(logits, k):
    """Keep the logits >= the k-th largest of each row (ties kept), -inf elsewhere: (B, V) -> (B, V)."""
    if k < 1:
        raise ValueError("k must be positive")
    logits = torch.as_tensor(logits)
    keep = torch.zeros_like(logits, dtype=torch.bool)
    keep.scatter_(-1, torch.topk(logits, min(k, logits.shape[-1]), dim=-1).indices, True)  # exactly k, ties cut arbitrarily
    return logits.masked_fill(~keep, float("-inf"))
''',
        "why": "keeps exactly k tokens, dropping some of the tokens tied with the k-th largest logit, which the library keeps",
        "alternative": '''def top_k_filter(logits, k):
    """Keep the logits >= the k-th largest of each row (ties kept), -inf elsewhere: (B, V) -> (B, V)."""
    if k <= 0:
        raise ValueError("k must be at least 1")
    logits = torch.as_tensor(logits)
    vocab = logits.shape[-1]
    if k >= vocab:
        return logits.clone()
    threshold = torch.kthvalue(logits, vocab - k + 1, dim=-1, keepdim=True).values
    return torch.where(logits >= threshold, logits, torch.full_like(logits, float("-inf")))
''',
        "denied": '''def top_k_filter(logits, k):
    """Keep the logits >= the k-th largest of each row (ties kept), -inf elsewhere: (B, V) -> (B, V)."""
    from transformers import TopKLogitsWarper

    return TopKLogitsWarper(int(k))(None, torch.as_tensor(logits))
''',
    },
    "top_p_filter": {
        "wrong": '''def top_p_filter(logits, p):
    """Nucleus filtering: keep the smallest set of most probable tokens with mass >= p, -inf elsewhere: (B, V) -> (B, V)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    logits = torch.as_tensor(logits)
    sorted_logits, order = torch.sort(logits, dim=-1, descending=True)
    cumulative = torch.cumsum(torch.softmax(sorted_logits, dim=-1), dim=-1)
    remove_sorted = cumulative > p          # drops the token that crosses p
    remove_sorted[..., 0] = False
    remove = torch.zeros_like(remove_sorted).scatter(-1, order, remove_sorted)
    return logits.masked_fill(remove, float("-inf"))
''',
        "why": "removes the token whose probability makes the mass cross p, so the kept tokens hold less than p",
        "alternative": '''def top_p_filter(logits, p):
    """Nucleus filtering: keep the smallest set of most probable tokens with mass >= p, -inf elsewhere: (B, V) -> (B, V)."""
    if p < 0 or p > 1:
        raise ValueError("p must lie in [0, 1]")
    logits = torch.as_tensor(logits)
    ascending, order = torch.sort(logits, dim=-1)                       # least probable first, as the library does
    from_bottom = torch.softmax(ascending, dim=-1).cumsum(dim=-1)
    drop = from_bottom <= 1 - p
    drop[..., -1] = False
    result = logits.clone()
    for row in range(logits.shape[0]):
        result[row, order[row][drop[row]]] = float("-inf")
    return result
''',
        "denied": '''def top_p_filter(logits, p):
    """Nucleus filtering: keep the smallest set of most probable tokens with mass >= p, -inf elsewhere: (B, V) -> (B, V)."""
    from transformers import TopPLogitsWarper

    return TopPLogitsWarper(p)(None, torch.as_tensor(logits))
''',
    },
    "sample_next_tokens": {
        "wrong": '''def sample_next_tokens(logits, temperature=1.0, top_k=None, top_p=None, seed=0):
    """One next token per row of (B, V) logits: greedy at temperature 0, else temperature -> top-k -> top-p -> draw. (B,) int64."""
    if temperature < 0:
        raise ValueError("negative temperature")
    scores = torch.as_tensor(logits)
    if temperature == 0:
        return scores.argmax(dim=-1)
    if top_k is not None:
        scores = top_k_filter(scores, top_k)
    if top_p is not None:
        scores = top_p_filter(scores, top_p)        # the nucleus is chosen BEFORE the temperature
    probabilities = torch.softmax(scores / temperature, dim=-1)
    return torch.multinomial(probabilities, 1, generator=torch.Generator().manual_seed(seed)).squeeze(-1)
''',
        "why": "chooses the top-p nucleus on the logits before dividing by the temperature, so at T != 1 it keeps other tokens "
               "than the library's order (temperature, top-k, top-p) does",
        "alternative": '''def sample_next_tokens(logits, temperature=1.0, top_k=None, top_p=None, seed=0):
    """One next token per row of (B, V) logits: greedy at temperature 0, else temperature -> top-k -> top-p -> draw. (B,) int64."""
    if temperature < 0:
        raise ValueError("temperature must not be negative")
    logits = torch.as_tensor(logits).double()
    if temperature == 0:
        best = logits.max(dim=-1, keepdim=True).values
        return (logits == best).long().argmax(dim=-1)        # the first position holding the maximum
    scores = logits / temperature
    scores = scores if top_k is None else top_k_filter(scores, top_k)
    scores = scores if top_p is None else top_p_filter(scores, top_p)
    cumulative = torch.softmax(scores, dim=-1).cumsum(dim=-1)                # inverse-CDF draw
    uniform = torch.rand(logits.shape[0], 1, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    uniform = uniform * cumulative[:, -1:]
    chosen = torch.searchsorted(cumulative, uniform, right=True).squeeze(-1)
    return chosen.clamp(max=logits.shape[-1] - 1).to(torch.int64)
''',
        "denied": '''def sample_next_tokens(logits, temperature=1.0, top_k=None, top_p=None, seed=0):
    """One next token per row of (B, V) logits: greedy at temperature 0, else temperature -> top-k -> top-p -> draw. (B,) int64."""
    from transformers import TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper

    if temperature < 0:
        raise ValueError("negative temperature")
    scores = torch.as_tensor(logits)
    if temperature == 0:
        return scores.argmax(dim=-1)
    scores = TemperatureLogitsWarper(float(temperature))(None, scores)
    if top_k is not None:
        scores = TopKLogitsWarper(int(top_k))(None, scores)
    if top_p is not None:
        scores = TopPLogitsWarper(top_p)(None, scores)
    return torch.multinomial(torch.softmax(scores, dim=-1), 1, generator=torch.Generator().manual_seed(seed)).squeeze(-1)
''',
    },
    "quiz": {
        "wrong": '''flat_logits = torch.zeros(1, 50)                                         # 50 equally probable tokens
peaked_logits = -torch.arange(50, dtype=torch.float32)[None] * math.log(2)  # probabilities proportional to 2**-i
# Set the six variables below.
predicted_cold_probability = math.exp(0.5) / (math.exp(0.5) + 2)   # multiplies the logits by T instead of dividing
predicted_kept_flat = 47                                            # stops before the token that crosses p
predicted_kept_peaked = 4
measured_cold_probability = float(temperature_softmax(torch.tensor([[1.0, 0.0, 0.0]]), 0.5)[0, 0])
measured_kept_flat = int(torch.isfinite(top_p_filter(flat_logits, 0.95)).sum())
measured_kept_peaked = int(torch.isfinite(top_p_filter(peaked_logits, 0.95)).sum())
''',
        "why": "scales the logits by T instead of 1/T, and predicts top-p counts without the token that crosses p",
        "alternative": '''flat_logits = torch.zeros(1, 50)                                         # 50 equally probable tokens
peaked_logits = -torch.arange(50, dtype=torch.float32)[None] * math.log(2)  # probabilities proportional to 2**-i
# Set the six variables below.
predicted_cold_probability = 1 / (1 + 2 * math.exp(-2))
predicted_kept_flat = math.ceil(0.95 * 50)
predicted_kept_peaked = next(m for m in range(1, 51) if 1 - 2.0 ** -m >= 0.95)
measured_cold_probability = temperature_softmax(np.array([[1.0, 0.0, 0.0]]), 0.5)[0, 0].item()
measured_kept_flat = int((top_p_filter(flat_logits, 0.95) > float("-inf")).sum().item())
measured_kept_peaked = int(np.isfinite(top_p_filter(peaked_logits, 0.95).numpy()).sum())
''',
    },
}
