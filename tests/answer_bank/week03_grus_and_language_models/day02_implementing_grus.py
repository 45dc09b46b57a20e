"""Answer bank of week03_grus_and_language_models day02_implementing_grus: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "gru_layer": {
        "denied": '''class GRULayer(nn.Module):
    """One GRU layer with nn.GRU's parameters (blocks r, z, n) on batch-first input."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        bound = 1 / math.sqrt(hidden_size)
        self.weight_ih = nn.Parameter(torch.empty(3 * hidden_size, input_size).uniform_(-bound, bound))
        self.weight_hh = nn.Parameter(torch.empty(3 * hidden_size, hidden_size).uniform_(-bound, bound))
        self.bias_ih = nn.Parameter(torch.empty(3 * hidden_size).uniform_(-bound, bound))
        self.bias_hh = nn.Parameter(torch.empty(3 * hidden_size).uniform_(-bound, bound))

    def forward(self, x, h0=None):
        """x (B, T, D), h0 (B, H) or None -> (outputs (B, T, H), h_n (B, H))."""
        h = x.new_zeros(x.shape[0], self.hidden_size) if h0 is None else h0
        states = []
        for step_input in x.unbind(dim=1):  # PyTorch's own GRU step, one time step at a time
            h = torch.gru_cell(step_input, h, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh)
            states.append(h)
        return torch.stack(states, dim=1), h
''',
        "wrong": '''class GRULayer(nn.Module):
    """One GRU layer with nn.GRU's parameters (blocks r, z, n) on batch-first input."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        bound = 1 / math.sqrt(hidden_size)
        self.weight_ih = nn.Parameter(torch.empty(3 * hidden_size, input_size).uniform_(-bound, bound))
        self.weight_hh = nn.Parameter(torch.empty(3 * hidden_size, hidden_size).uniform_(-bound, bound))
        self.bias_ih = nn.Parameter(torch.empty(3 * hidden_size).uniform_(-bound, bound))
        self.bias_hh = nn.Parameter(torch.empty(3 * hidden_size).uniform_(-bound, bound))

    def forward(self, x, h0=None):
        """x (B, T, D), h0 (B, H) or None -> (outputs (B, T, H), h_n (B, H))."""
        h = x.new_zeros(x.shape[0], self.hidden_size) if h0 is None else h0
        states = []
        for input_part in (x @ self.weight_ih.T + self.bias_ih).unbind(dim=1):
            i_r, i_z, i_n = input_part.chunk(3, dim=-1)
            h_r, h_z, h_n = (h @ self.weight_hh.T + self.bias_hh).chunk(3, dim=-1)
            r = torch.sigmoid(i_r + h_r)
            z = torch.sigmoid(i_z + h_z)
            n = torch.tanh(i_n + r * h_n)
            h = z * n + (1 - z) * h  # the blog-post convention: z close to 1 writes
            states.append(h)
        return torch.stack(states, dim=1), h
''',
        "why": "update gate convention flipped: h = z * n + (1 - z) * h instead of PyTorch's (1 - z) * n + z * h",
        "alternative": '''class GRULayer(nn.Module):
    """One GRU layer with nn.GRU's parameters (blocks r, z, n) on batch-first input."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        shapes = {"weight_ih": (3 * hidden_size, input_size), "weight_hh": (3 * hidden_size, hidden_size),
                  "bias_ih": (3 * hidden_size,), "bias_hh": (3 * hidden_size,)}
        limit = hidden_size ** -0.5
        for name, shape in shapes.items():
            setattr(self, name, nn.Parameter(torch.rand(shape) * (2 * limit) - limit))

    def forward(self, x, h0=None):
        """x (B, T, D), h0 (B, H) or None -> (outputs (B, T, H), h_n (B, H))."""
        size = self.hidden_size
        state = torch.zeros(x.shape[0], size, dtype=x.dtype, device=x.device) if h0 is None else h0
        projected = F.linear(x, self.weight_ih, self.bias_ih)  # (B, T, 3H), every step at once
        outputs = []
        for step_input in projected.unbind(dim=1):
            recurrent = F.linear(state, self.weight_hh, self.bias_hh)  # (B, 3H)
            in_r, in_z, in_n = torch.split(step_input, size, dim=-1)
            rec_r, rec_z, rec_n = torch.split(recurrent, size, dim=-1)
            reset = torch.sigmoid(in_r + rec_r)
            keep = torch.sigmoid(in_z + rec_z)
            candidate = torch.tanh(in_n + reset * rec_n)
            state = candidate + keep * (state - candidate)
            outputs.append(state)
        return torch.stack(outputs, dim=1), state
''',
    },
    "make_lm_batch": {
        "wrong": '''def make_lm_batch(sentences, word_to_index):
    """Sentences -> (inputs, targets), two LongTensors (B, L + 1): <s> + words, and words + </s>, post-padded."""
    longest = max(len(sentence) for sentence in sentences)
    inputs, targets = [], []
    for sentence in sentences:
        ids = [word_to_index.get(word, UNK_INDEX) for word in sentence]
        padding = [PAD_INDEX] * (longest - len(ids))
        inputs.append(padding + [BOS_INDEX] + ids)  # pad on the left, so the last column is always real
        targets.append(padding + ids + [EOS_INDEX])
    return torch.tensor(inputs, dtype=torch.long), torch.tensor(targets, dtype=torch.long)
''',
        "why": "pre-padding (padding in front) instead of the post-padding the prompt asks for",
        "alternative": '''def make_lm_batch(sentences, word_to_index):
    """Sentences -> (inputs, targets), two LongTensors (B, L + 1): <s> + words, and words + </s>, post-padded."""
    rows = [torch.tensor([BOS_INDEX] + [word_to_index[w] if w in word_to_index else UNK_INDEX for w in sentence]
                         + [EOS_INDEX], dtype=torch.long) for sentence in sentences]
    padded = nn.utils.rnn.pad_sequence(rows, batch_first=True, padding_value=PAD_INDEX)  # (B, L + 2)
    inputs = padded[:, :-1].clone()
    inputs[inputs == EOS_INDEX] = PAD_INDEX  # the </s> of a shorter row is not an input
    targets = padded[:, 1:].clone()
    return inputs, targets
''',
    },
    "masked_cross_entropy": {
        "denied": '''def masked_cross_entropy(logits, targets, pad_index=0, reduction="mean"):
    """Next-token cross-entropy over the positions whose target is not pad_index: a 0-dim tensor."""
    if reduction not in ("mean", "sum"):
        raise ValueError(f"reduction must be 'mean' or 'sum', not {reduction!r}")
    logits = torch.as_tensor(logits)
    targets = torch.as_tensor(targets).long()
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=pad_index,
                           reduction=reduction)
''',
        "wrong": '''def masked_cross_entropy(logits, targets, pad_index=0, reduction="mean"):
    """Next-token cross-entropy over the positions whose target is not pad_index: a 0-dim tensor."""
    if reduction not in ("mean", "sum"):
        raise ValueError(f"unknown reduction {reduction!r}")
    logits = torch.as_tensor(logits)
    targets = torch.as_tensor(targets, dtype=torch.long)
    mask = (targets != pad_index)
    safe = targets.clamp(min=0)
    log_probs = torch.log_softmax(logits, dim=-1)
    losses = -log_probs.gather(-1, safe.unsqueeze(-1)).squeeze(-1)
    total = (losses * mask).sum()  # zero out the padded positions
    return total if reduction == "sum" else total / mask.sum()
''',
        "why": "masks by multiplying: a -inf logit at a padded position gives 0 * inf = nan",
        "alternative": '''def masked_cross_entropy(logits, targets, pad_index=0, reduction="mean"):
    """Next-token cross-entropy over the positions whose target is not pad_index: a 0-dim tensor."""
    if reduction != "mean" and reduction != "sum":
        raise ValueError("reduction must be 'mean' or 'sum'")
    logits = torch.as_tensor(logits)
    targets = torch.as_tensor(targets).long()
    keep = targets != pad_index  # (B, T)
    real_logits = logits[keep]  # (N, V): only the real positions
    real_targets = targets[keep]  # (N,)
    picked = real_logits.gather(1, real_targets.unsqueeze(1)).squeeze(1)
    losses = torch.logsumexp(real_logits, dim=-1) - picked  # (N,)
    total = losses.sum()
    if reduction == "sum":
        return total
    return total / keep.sum()
''',
    },
    "gru_language_model": {
        "wrong": '''class GRULanguageModel(nn.Module):
    """Embedding -> GRULayer -> Linear: next-token logits at every position."""

    def __init__(self, vocab_size, embedding_dim, hidden_size):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.gru = GRULayer(embedding_dim, hidden_size)
        self.output = nn.Linear(hidden_size, vocab_size)

    def forward(self, inputs, h0=None):
        """inputs (B, T) long, h0 (B, H) or None -> (logits (B, T, V), h_n (B, H))."""
        states, h_n = self.gru(self.embedding(inputs))  # every sentence starts from zeros
        return self.output(states), h_n
''',
        "why": "never passes h0 to the GRU: the state does not carry across calls",
        "alternative": '''class GRULanguageModel(nn.Module):
    """Embedding -> GRULayer -> Linear: next-token logits at every position."""

    def __init__(self, vocab_size, embedding_dim, hidden_size):
        super().__init__()
        self.embedding = nn.Embedding(num_embeddings=vocab_size, embedding_dim=embedding_dim)
        self.gru = GRULayer(input_size=embedding_dim, hidden_size=hidden_size)
        self.output = nn.Linear(in_features=hidden_size, out_features=vocab_size)

    def forward(self, inputs, h0=None):
        """inputs (B, T) long, h0 (B, H) or None -> (logits (B, T, V), h_n (B, H))."""
        vectors = F.embedding(inputs, self.embedding.weight)  # (B, T, E)
        hidden_states, last_state = self.gru(vectors, h0=h0)  # (B, T, H), (B, H)
        scores = hidden_states @ self.output.weight.T + self.output.bias  # (B, T, V)
        return scores, last_state
''',
    },
    "corpus_perplexity": {
        "wrong": '''def corpus_perplexity(mean_losses, target_counts):
    """Corpus perplexity from the mean loss (nats) of each batch and the number of real targets in it: a float."""
    if len(mean_losses) != len(target_counts) or any(count < 0 for count in target_counts):
        raise ValueError("bad counts")
    if sum(target_counts) == 0:
        raise ValueError("no real target")
    weighted = sum(count * loss for loss, count in zip(mean_losses, target_counts))   # 0 * nan is nan
    return math.exp(weighted / sum(target_counts))
''',
        "why": "weights by the counts but multiplies the nan mean loss of an empty batch by 0, which gives nan",
        "alternative": '''def corpus_perplexity(mean_losses, target_counts):
    """Corpus perplexity from the mean loss (nats) of each batch and the number of real targets in it: a float."""
    import numpy as np

    losses = np.asarray(mean_losses, dtype=float)
    counts = np.asarray(target_counts, dtype=float)
    if losses.shape != counts.shape:
        raise ValueError("mean_losses and target_counts differ in length")
    if (counts < 0).any():
        raise ValueError("negative count")
    used = counts > 0
    if not used.any():
        raise ValueError("no real targets")
    return float(np.exp(np.dot(losses[used], counts[used]) / counts[used].sum()))
''',
    },
    "quiz": {
        "wrong": '''quiz_logits = torch.zeros(2, 3, 4)
quiz_logits[..., 3] = -math.inf  # a token the model never predicts
quiz_targets = torch.tensor([[1, 2, 0], [2, 0, 0]])
quiz_mean_losses, quiz_counts = [math.log(10), math.log(1000), float("nan")], [300, 100, 0]
# Set the six variables below.
predicted_masked_sum = 6 * math.log(4)                    # counts padding and the -inf token
predicted_held_state = 0.25 ** 4                          # reads the update gate as the fraction written
predicted_mixed_perplexity = 10 ** 1.5
measured_masked_sum = float(masked_cross_entropy(quiz_logits, quiz_targets, pad_index=0, reduction="sum"))
held_layer = GRULayer(1, 1)
with torch.no_grad():
    for parameter in held_layer.parameters():
        parameter.zero_()
    held_layer.bias_ih[1] = math.log(3)
    measured_held_state = float(held_layer(torch.zeros(1, 4, 1), torch.ones(1, 1))[1])
measured_mixed_perplexity = corpus_perplexity(quiz_mean_losses, quiz_counts)
''',
        "why": "predicts a sum over all six positions with four tokens each, and a state that keeps 1 - z instead of z",
        "alternative": '''quiz_logits = torch.zeros(2, 3, 4)
quiz_logits[..., 3] = -math.inf  # a token the model never predicts
quiz_targets = torch.tensor([[1, 2, 0], [2, 0, 0]])
quiz_mean_losses, quiz_counts = [math.log(10), math.log(1000), float("nan")], [300, 100, 0]
# Set the six variables below.
three = math.log(3.0)
predicted_masked_sum = three + three + three
predicted_held_state = float((1 / (1 + math.exp(-three))) ** 4)
predicted_mixed_perplexity = math.exp((300 * math.log(10) + 100 * math.log(1000)) / (300 + 100))
measured_masked_sum = masked_cross_entropy(quiz_logits, quiz_targets, reduction="sum").item()
layer = GRULayer(input_size=1, hidden_size=1)
layer.load_state_dict({"weight_ih": torch.zeros(3, 1), "weight_hh": torch.zeros(3, 1),
                       "bias_ih": torch.tensor([0.0, three, 0.0]), "bias_hh": torch.zeros(3)})
with torch.no_grad():
    outputs, last = layer(torch.zeros(1, 4, 1), h0=torch.ones(1, 1))
measured_held_state = last.item()
measured_mixed_perplexity = float(corpus_perplexity(list(quiz_mean_losses), list(quiz_counts)))
''',
    },
}
