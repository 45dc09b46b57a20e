"""Answer bank of week04_attention_and_transformers day01_why_attention: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "accuracy_by_length": {
        "wrong": '''def accuracy_by_length(predictions, examples):
    """[(n_words, n_examples, exact_match, digit_accuracy), ...] for every source length, sorted by n_words."""
    if len(predictions) != len(examples):
        raise ValueError("predictions and examples differ in length")
    groups = {}
    for prediction, (source, target) in zip(predictions, examples):
        exact = prediction == target
        share = sum(p == t for p, t in zip(prediction, target)) / len(target)  # this example's share of right digits
        groups.setdefault(len(source), []).append((exact, share))
    result = []
    for n_words in sorted(groups):
        rows = groups[n_words]
        result.append((n_words, len(rows), sum(e for e, _ in rows) / len(rows), sum(s for _, s in rows) / len(rows)))
    return result
''',
        "why": "digit accuracy is the mean of per-example shares instead of pooling right positions over all target digits of the group",
        "alternative": '''from collections import defaultdict


def accuracy_by_length(predictions, examples):
    """[(n_words, n_examples, exact_match, digit_accuracy), ...] for every source length, sorted by n_words."""
    if len(predictions) != len(examples):
        raise ValueError(f"got {len(predictions)} predictions but {len(examples)} examples")
    count = defaultdict(int)
    exact = defaultdict(int)
    right_digits = defaultdict(int)
    total_digits = defaultdict(int)
    for index in range(len(examples)):
        source, target = examples[index]
        guess = predictions[index]
        length = len(source)
        count[length] += 1
        if list(guess) == list(target):
            exact[length] += 1
        for position in range(len(target)):
            if position < len(guess) and guess[position] == target[position]:
                right_digits[length] += 1
        total_digits[length] += len(target)
    rows = []
    for length in sorted(count.keys()):
        rows.append((int(length), int(count[length]), float(exact[length] / count[length]),
                     float(right_digits[length] / total_digits[length])))
    return rows
''',
    },
    "additive_attention_scores": {
        "wrong": '''def additive_attention_scores(decoder_state, encoder_outputs, W_query, W_key, v):
    """Bahdanau scores v^T tanh(W_query s + W_key h_j): (B, H_q), (B, S, H_k) -> (B, S), before any mask."""
    decoder_state = torch.as_tensor(decoder_state, dtype=torch.float32)
    encoder_outputs = torch.as_tensor(encoder_outputs, dtype=torch.float32)
    W_query = torch.as_tensor(W_query, dtype=torch.float32)
    W_key = torch.as_tensor(W_key, dtype=torch.float32)
    v = torch.as_tensor(v, dtype=torch.float32)
    query_part = (decoder_state @ W_query.T)[:, None, :]   # (B, 1, A)
    key_part = encoder_outputs @ W_key.T                   # (B, S, A)
    return torch.tanh(query_part + key_part) @ v           # (B, S)
''',
        "why": "casts every input to float32, so float64 inputs give float32 scores (the prompt asks for the inputs' dtype)",
        "alternative": '''def additive_attention_scores(decoder_state, encoder_outputs, W_query, W_key, v):
    """Bahdanau scores v^T tanh(W_query s + W_key h_j): (B, H_q), (B, S, H_k) -> (B, S), before any mask."""
    s, h, wq, wk, vec = (torch.as_tensor(t) for t in (decoder_state, encoder_outputs, W_query, W_key, v))
    q_proj = torch.einsum("bq,aq->ba", s, wq)        # W_q s for every sentence: (B, A)
    k_proj = torch.einsum("bsk,ak->bsa", h, wk)      # W_k h_j for every position: (B, S, A)
    hidden = torch.tanh(k_proj + q_proj.unsqueeze(-2))
    return torch.einsum("bsa,a->bs", hidden, vec)
''',
    },
    "masked_softmax": {
        "wrong": '''def masked_softmax(scores, mask):
    """Softmax over the last axis among the True positions of mask; 0 at False; all-False rows -> zeros."""
    scores = torch.as_tensor(scores)
    mask = torch.as_tensor(mask, dtype=torch.bool)
    return torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
''',
        "why": "fills with -inf and calls torch.softmax without handling a row with no True position: nan instead of zeros",
        "alternative": '''def masked_softmax(scores, mask):
    """Softmax over the last axis among the True positions of mask; 0 at False; all-False rows -> zeros."""
    scores = torch.as_tensor(scores)
    keep = torch.as_tensor(mask).to(dtype=torch.bool, device=scores.device)
    minus_inf = torch.full_like(scores, float("-inf"))
    real_scores = torch.where(keep, scores, minus_inf)
    row_max = real_scores.amax(dim=-1, keepdim=True)
    row_max = torch.where(torch.isfinite(row_max), row_max, torch.zeros_like(row_max))  # all-False row: shift by 0
    exps = torch.where(keep, torch.exp(real_scores - row_max), torch.zeros_like(scores))
    totals = exps.sum(dim=-1, keepdim=True)
    safe_totals = torch.where(totals > 0, totals, torch.ones_like(totals))
    return exps / safe_totals
''',
        "denied": '''def masked_softmax(scores, mask):
    """Softmax over the last axis among the True positions of mask; 0 at False; all-False rows -> zeros."""
    scores = torch.as_tensor(scores)
    mask = torch.as_tensor(mask, dtype=torch.bool, device=scores.device)
    weights = torch.masked.softmax(scores, dim=-1, mask=mask)  # nan in a row without any True position
    return torch.nan_to_num(weights, nan=0.0)
''',
    },
    "padded_context": {
        "wrong": """def padded_context(scores, encoder_outputs, lengths):
    \"\"\"(weights (B, S), context (B, H)) of a padded batch: softmax over the first lengths[b] scores of each row.\"\"\"
    scores = torch.as_tensor(scores)
    values = torch.as_tensor(encoder_outputs, dtype=scores.dtype)
    lengths = torch.as_tensor(lengths).reshape(-1)
    if (lengths < 0).any() or (lengths > scores.shape[-1]).any():
        raise ValueError("bad lengths")
    keep = (torch.arange(scores.shape[-1])[None, :] < lengths[:, None]).to(scores.dtype)
    exps = torch.exp(scores - scores.max(dim=-1, keepdim=True).values) * keep   # the max over ALL positions
    total = exps.sum(dim=-1, keepdim=True)
    weights = torch.where(total > 0, exps / total.clamp_min(1e-300), torch.zeros_like(exps))
    return weights, (weights.unsqueeze(1) @ values).squeeze(1)
""",
        "why": "renormalises after masking but subtracts the maximum over all positions, padding included, so a huge score "
               "at a padded position makes every real exponential underflow to 0",
        "alternative": """def padded_context(scores, encoder_outputs, lengths):
    \"\"\"(weights (B, S), context (B, H)) of a padded batch: softmax over the first lengths[b] scores of each row.\"\"\"
    scores = torch.as_tensor(scores)
    outputs = torch.as_tensor(encoder_outputs).to(scores.dtype)
    sizes = [int(n) for n in torch.as_tensor(lengths).reshape(-1).tolist()]
    positions = scores.shape[-1]
    if any(n < 0 or n > positions for n in sizes):
        raise ValueError("each length must be between 0 and the number of positions")
    weights = torch.zeros_like(scores)
    for row, n in enumerate(sizes):
        if n > 0:
            weights[row, :n] = torch.softmax(scores[row, :n], dim=0)
    context = torch.einsum("bs,bsh->bh", weights, outputs)
    return weights, context
""",
        "denied": """def padded_context(scores, encoder_outputs, lengths):
    \"\"\"(weights (B, S), context (B, H)) of a padded batch: softmax over the first lengths[b] scores of each row.\"\"\"
    scores = torch.as_tensor(scores)
    lengths = torch.as_tensor(lengths).reshape(-1)
    if (lengths < 0).any() or (lengths > scores.shape[-1]).any():
        raise ValueError("bad lengths")
    real = torch.arange(scores.shape[-1])[None, :] < lengths[:, None]
    weights = torch.masked.softmax(scores, dim=-1, mask=real).nan_to_num(0.0)
    return weights, (weights.unsqueeze(1) @ torch.as_tensor(encoder_outputs, dtype=scores.dtype)).squeeze(1)
""",
    },
    "bahdanau_attention": {
        "wrong": '''class BahdanauAttention(nn.Module):
    """Additive attention: (query (B, Hq), keys (B, S, Hk), mask (B, S)) -> (context (B, Hk), weights (B, S))."""

    def __init__(self, query_size, key_size, attention_size):
        super().__init__()
        self.W_query = nn.Parameter(torch.empty(attention_size, query_size))
        self.W_key = nn.Parameter(torch.empty(attention_size, key_size))
        self.v = nn.Parameter(torch.empty(attention_size))
        nn.init.uniform_(self.W_query, -1 / math.sqrt(query_size), 1 / math.sqrt(query_size))
        nn.init.uniform_(self.W_key, -1 / math.sqrt(key_size), 1 / math.sqrt(key_size))
        nn.init.uniform_(self.v, -1 / math.sqrt(attention_size), 1 / math.sqrt(attention_size))

    def forward(self, query, keys, mask):
        scores = additive_attention_scores(query, keys, self.W_query, self.W_key, self.v)  # (B, S)
        weights = torch.softmax(scores, dim=-1)  # the padding is zero anyway
        context = (weights.unsqueeze(1) @ keys).squeeze(1)
        return context, weights
''',
        "why": "ignores the mask: plain softmax over all positions, so padded keys get weight",
        "alternative": '''class BahdanauAttention(nn.Module):
    """Additive attention: (query (B, Hq), keys (B, S, Hk), mask (B, S)) -> (context (B, Hk), weights (B, S))."""

    def __init__(self, query_size, key_size, attention_size):
        super().__init__()
        shapes = {"W_query": ((attention_size, query_size), query_size),
                  "W_key": ((attention_size, key_size), key_size),
                  "v": ((attention_size,), attention_size)}
        for name, (shape, fan_in) in shapes.items():
            bound = fan_in ** -0.5
            parameter = nn.Parameter(torch.zeros(*shape))
            nn.init.uniform_(parameter, a=-bound, b=bound)
            setattr(self, name, parameter)

    def forward(self, query, keys, mask):
        mask = torch.as_tensor(mask, dtype=torch.bool, device=keys.device)
        features = torch.tanh(torch.einsum("bq,aq->ba", query, self.W_query)[:, None, :]
                              + torch.einsum("bsk,ak->bsa", keys, self.W_key))
        scores = torch.einsum("bsa,a->bs", features, self.v)
        any_real = mask.any(dim=-1, keepdim=True)
        weights = torch.softmax(scores.masked_fill(~mask, float("-inf")).masked_fill(~any_real, 0.0), dim=-1)
        weights = weights * any_real  # a row with nothing to attend to gets zeros
        context = torch.einsum("bs,bsk->bk", weights, keys)
        return context, weights
''',
    },
    "attention_seq2seq": {
        "wrong": '''class AttentionSeq2Seq(Seq2Seq):
    """Week 3's GRU encoder-decoder with additive attention over the encoder outputs at every decoder step."""

    def __init__(self, source_vocab_size, target_vocab_size, embedding_dim=32, hidden_size=128, attention_size=64,
                 pad_id=0):
        super().__init__(source_vocab_size, target_vocab_size, embedding_dim, hidden_size, pad_id)
        self.decoder = nn.GRU(embedding_dim + hidden_size, hidden_size, batch_first=True)
        self.output = nn.Linear(2 * hidden_size, target_vocab_size)
        self.attention = BahdanauAttention(hidden_size, hidden_size, attention_size)

    def decode_step(self, previous_tokens, state, encoder_outputs, source_mask):
        """previous_tokens (B,), state (1, B, H) -> logits (B, target_vocab), new state (1, B, H)."""
        context, _ = self.attention(state[0], encoder_outputs, source_mask)
        embedded = self.target_embedding(previous_tokens)
        gru_input = torch.cat([context, embedded], dim=-1).unsqueeze(1)  # context first
        output, state = self.decoder(gru_input, state)
        logits = self.output(torch.cat([output.squeeze(1), context], dim=-1))
        return logits, state
''',
        "why": "concatenates the GRU input as [context; embedding] instead of [embedding; context], so the loaded weights mean something else",
        "alternative": '''class AttentionSeq2Seq(Seq2Seq):
    """Week 3's GRU encoder-decoder with additive attention over the encoder outputs at every decoder step."""

    def __init__(self, source_vocab_size, target_vocab_size, embedding_dim=32, hidden_size=128, attention_size=64,
                 pad_id=0):
        super().__init__(source_vocab_size, target_vocab_size, embedding_dim, hidden_size, pad_id)
        gru_input_size = embedding_dim + hidden_size
        self.decoder = nn.GRU(input_size=gru_input_size, hidden_size=hidden_size, batch_first=True)
        self.output = nn.Linear(hidden_size + hidden_size, target_vocab_size)
        self.attention = BahdanauAttention(query_size=hidden_size, key_size=hidden_size, attention_size=attention_size)

    def decode_step(self, previous_tokens, state, encoder_outputs, source_mask):
        """previous_tokens (B,), state (1, B, H) -> logits (B, target_vocab), new state (1, B, H)."""
        query = state.squeeze(0)                                           # (B, H): the state before this step
        context = self.attention(query, encoder_outputs, source_mask)[0]   # (B, H)
        step_input = torch.cat((self.target_embedding(previous_tokens), context), dim=1)[:, None, :]
        _, new_state = self.decoder(step_input, state)                     # (1, B, H)
        features = torch.cat((new_state.squeeze(0), context), dim=1)        # a one-layer GRU: output == new state
        return self.output(features), new_state
''',
    },
    "quiz": {
        "wrong": """torch.manual_seed(0)
flat_attention = BahdanauAttention(3, 3, 2)
with torch.no_grad():
    flat_attention.v.zero_()
flat_query, flat_keys = torch.randn(1, 3), torch.randn(1, 6, 3)
flat_mask = torch.tensor([[True, True, True, True, False, False]])
# Set the six variables below.
predicted_uniform_weight = 1 / 6                  # forgets that the two padded positions get no weight
predicted_digit_accuracy = 4 / 5                  # counts 5 0 0 5 as four of the five digits
predicted_attention_parameters = 32 * 64 + 32 * 64 + 32
measured_uniform_weight = flat_attention(flat_query, flat_keys, flat_mask)[1][0, 0].item()
measured_digit_accuracy = accuracy_by_length([["5", "0", "0", "5"]], [(["fifty", "thousand", "five"], ["5", "0", "0", "0", "5"])])[0][3]
measured_attention_parameters = sum(p.numel() for p in BahdanauAttention(64, 64, 32).parameters())
""",
        "why": "predicts a uniform weight over all six positions, padding included, and counts digits without their "
               "positions (the measurements are right)",
        "alternative": """torch.manual_seed(0)
flat_attention = BahdanauAttention(3, 3, 2)
with torch.no_grad():
    flat_attention.v.zero_()
flat_query, flat_keys = torch.randn(1, 3), torch.randn(1, 6, 3)
flat_mask = torch.tensor([[True, True, True, True, False, False]])
# Set the six variables below.
predicted_uniform_weight = 0.25
predicted_digit_accuracy = 0.6
predicted_attention_parameters = 2 * 32 * 64 + 32
context_and_weights = flat_attention(flat_query, flat_keys, flat_mask)
measured_uniform_weight = float(context_and_weights[1][0][0])
rows = accuracy_by_length(predictions=[list("5005")], examples=[("fifty thousand five".split(), list("50005"))])
measured_digit_accuracy = float(rows[0][3])
measured_attention_parameters = int(sum(tensor.numel() for _, tensor in BahdanauAttention(64, 64, 32).named_parameters()))
""",
    },
}
