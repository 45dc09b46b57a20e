"""Answer bank of week02_rnns_and_lstms day06_lstm_from_scratch: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "lstm_layer": {
        "denied": '''class LSTMLayer(nn.Module):
    """One LSTM layer with nn.LSTM's parameters (gate order i, f, g, o) on batch-first input."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        cell = nn.LSTMCell(input_size, hidden_size)  # same shapes, names and initialisation
        self.weight_ih = nn.Parameter(cell.weight_ih.detach().clone())
        self.weight_hh = nn.Parameter(cell.weight_hh.detach().clone())
        self.bias_ih = nn.Parameter(cell.bias_ih.detach().clone())
        self.bias_hh = nn.Parameter(cell.bias_hh.detach().clone())
        self.__dict__["cell"] = cell  # kept out of the module's parameters

    def step(self, x_t, h, c):
        """One time step: x_t (B, D), h and c (B, H) -> the new (h, c), each (B, H)."""
        weights = {"weight_ih": self.weight_ih, "weight_hh": self.weight_hh, "bias_ih": self.bias_ih, "bias_hh": self.bias_hh}
        return torch.func.functional_call(self.cell, weights, (x_t, (h, c)))

    def forward(self, x):
        """x (B, T, D) -> (outputs (B, T, H), h_n (B, H), c_n (B, H)), starting from zero states."""
        h = x.new_zeros(x.shape[0], self.hidden_size)
        c = x.new_zeros(x.shape[0], self.hidden_size)
        outputs = []
        for t in range(x.shape[1]):
            h, c = self.step(x[:, t], h, c)
            outputs.append(h)
        return torch.stack(outputs, dim=1), h, c
''',
        "wrong": '''class LSTMLayer(nn.Module):
    """One LSTM layer with nn.LSTM's parameters (gate order i, f, g, o) on batch-first input."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.weight_ih = nn.Parameter(torch.empty(4 * hidden_size, input_size))
        self.weight_hh = nn.Parameter(torch.empty(4 * hidden_size, hidden_size))
        self.bias_ih = nn.Parameter(torch.empty(4 * hidden_size))
        self.bias_hh = nn.Parameter(torch.empty(4 * hidden_size))
        bound = 1 / math.sqrt(hidden_size)
        for parameter in self.parameters():
            nn.init.uniform_(parameter, -bound, bound)

    def step(self, x_t, h, c):
        """One time step: x_t (B, D), h and c (B, H) -> the new (h, c), each (B, H)."""
        gates = torch.sigmoid(x_t @ self.weight_ih.T + self.bias_ih + h @ self.weight_hh.T + self.bias_hh)
        input_gate, forget_gate, candidate, output_gate = gates.chunk(4, dim=1)
        c = forget_gate * c + input_gate * candidate
        h = output_gate * torch.tanh(c)
        return h, c

    def forward(self, x):
        """x (B, T, D) -> (outputs (B, T, H), h_n (B, H), c_n (B, H)), starting from zero states."""
        batch, steps, _ = x.shape
        h = x.new_zeros(batch, self.hidden_size)
        c = x.new_zeros(batch, self.hidden_size)
        states = []
        for t in range(steps):
            h, c = self.step(x[:, t], h, c)
            states.append(h)
        return torch.stack(states, dim=1), h, c
''',
        "why": "applies the sigmoid to all four blocks: the candidate g must use tanh",
        "alternative": '''class LSTMLayer(nn.Module):
    """One LSTM layer with nn.LSTM's parameters (gate order i, f, g, o) on batch-first input."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        limit = 1.0 / math.sqrt(hidden_size)
        self.weight_ih = nn.Parameter(nn.init.uniform_(torch.empty(4 * hidden_size, input_size), -limit, limit))
        self.weight_hh = nn.Parameter(nn.init.uniform_(torch.empty(4 * hidden_size, hidden_size), -limit, limit))
        self.bias_ih = nn.Parameter(nn.init.uniform_(torch.empty(4 * hidden_size), -limit, limit))
        self.bias_hh = nn.Parameter(nn.init.uniform_(torch.empty(4 * hidden_size), -limit, limit))

    def step(self, x_t, h, c):
        """One time step: x_t (B, D), h and c (B, H) -> the new (h, c), each (B, H)."""
        size = self.hidden_size

        def block(k):  # the pre-activation of gate block k (0: i, 1: f, 2: g, 3: o), (B, H)
            rows = slice(k * size, (k + 1) * size)
            return (torch.addmm(self.bias_ih[rows], x_t, self.weight_ih[rows].t())
                    + torch.addmm(self.bias_hh[rows], h, self.weight_hh[rows].t()))

        i, f, g, o = torch.sigmoid(block(0)), torch.sigmoid(block(1)), torch.tanh(block(2)), torch.sigmoid(block(3))
        c_new = f * c + i * g
        return o * torch.tanh(c_new), c_new

    def forward(self, x):
        """x (B, T, D) -> (outputs (B, T, H), h_n (B, H), c_n (B, H)), starting from zero states."""
        h = torch.zeros(x.shape[0], self.hidden_size, dtype=x.dtype, device=x.device)
        c = torch.zeros_like(h)
        outputs = []
        for x_t in x.unbind(dim=1):
            h, c = self.step(x_t, h, c)
            outputs.append(h)
        return torch.stack(outputs, dim=1), h, c
''',
    },
    "pad_batch": {
        "denied": '''def pad_batch(sequences, pad_index=0):
    """Post-pad a list of index sequences: (padded LongTensor (B, T_max), lengths LongTensor (B,))."""
    tensors = [torch.as_tensor(sequence, dtype=torch.long).reshape(-1) for sequence in sequences]
    lengths = torch.tensor([t.numel() for t in tensors], dtype=torch.long)
    padded = nn.utils.rnn.pad_sequence(tensors, batch_first=True, padding_value=pad_index)
    return padded.long(), lengths


def length_mask(lengths, max_len=None):
    """Bool mask (B, max_len), True where position t < lengths[b]; max_len defaults to max(lengths)."""
    lengths = torch.as_tensor(lengths).long()
    width = int(lengths.max()) if max_len is None else int(max_len)
    positions = torch.arange(width, device=lengths.device).expand(lengths.shape[0], width)  # (B, width)
    return positions < lengths.unsqueeze(1)
''',
        "wrong": '''def pad_batch(sequences, pad_index=0):
    """Post-pad a list of index sequences: (padded LongTensor (B, T_max), lengths LongTensor (B,))."""
    lengths = torch.tensor([len(sequence) for sequence in sequences], dtype=torch.long)
    padded = torch.full((len(sequences), int(lengths.max())), pad_index, dtype=torch.long)
    for row, sequence in enumerate(sequences):
        padded[row, :len(sequence)] = torch.as_tensor(sequence, dtype=torch.long)
    return padded, lengths


def length_mask(lengths, max_len=None):
    """Bool mask (B, max_len), True where position t < lengths[b]; max_len defaults to max(lengths)."""
    lengths = torch.as_tensor(lengths, dtype=torch.long)
    if max_len is None:
        max_len = int(lengths.max())
    return torch.arange(max_len, device=lengths.device) <= lengths[:, None]
''',
        "why": "length_mask off by one: t <= lengths[b] marks one padding position as real",
        "alternative": '''def pad_batch(sequences, pad_index=0):
    """Post-pad a list of index sequences: (padded LongTensor (B, T_max), lengths LongTensor (B,))."""
    rows = [[int(token) for token in torch.as_tensor(sequence).reshape(-1).tolist()] for sequence in sequences]
    width = max(len(row) for row in rows)
    padded = torch.tensor([row + [pad_index] * (width - len(row)) for row in rows], dtype=torch.long)
    return padded.reshape(len(rows), width), torch.tensor([len(row) for row in rows], dtype=torch.long)


def length_mask(lengths, max_len=None):
    """Bool mask (B, max_len), True where position t < lengths[b]; max_len defaults to max(lengths)."""
    lengths = torch.as_tensor(lengths).long()
    width = int(lengths.max()) if max_len is None else int(max_len)
    positions = torch.arange(width, device=lengths.device).expand(lengths.shape[0], width)  # (B, width)
    return positions < lengths.unsqueeze(1)
''',
    },
    "masked_lstm_layer": {
        "denied": '''from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


class MaskedLSTMLayer(LSTMLayer):
    """LSTMLayer whose forward(x, lengths) ignores the padded positions of each sequence."""

    def forward(self, x, lengths=None):
        """x (B, T, D), lengths (B,) -> outputs (B, T, H) (zero at padding), h_n and c_n at each last real step."""
        if lengths is None:
            return super().forward(x)
        lstm = nn.LSTM(self.input_size, self.hidden_size, batch_first=True)
        weights = {"weight_ih_l0": self.weight_ih, "weight_hh_l0": self.weight_hh,
                   "bias_ih_l0": self.bias_ih, "bias_hh_l0": self.bias_hh}
        packed = pack_padded_sequence(x, torch.as_tensor(lengths).cpu(), batch_first=True, enforce_sorted=False)
        output, (h_n, c_n) = torch.func.functional_call(lstm, weights, (packed,))
        outputs, _ = pad_packed_sequence(output, batch_first=True, total_length=x.shape[1])
        return outputs, h_n[0], c_n[0]
''',
        "wrong": '''class MaskedLSTMLayer(LSTMLayer):
    """LSTMLayer whose forward(x, lengths) ignores the padded positions of each sequence."""

    def forward(self, x, lengths=None):
        """x (B, T, D), lengths (B,) -> outputs (B, T, H) (zero at padding), h_n and c_n at each last real step."""
        if lengths is None:
            return super().forward(x)
        batch, steps, _ = x.shape
        is_real = length_mask(torch.as_tensor(lengths, device=x.device), steps)
        h = x.new_zeros(batch, self.hidden_size)
        c = x.new_zeros(batch, self.hidden_size)
        states = []
        for t in range(steps):
            h_step, c_step = self.step(x[:, t], h, c)
            real = is_real[:, t, None]
            h = torch.where(real, h_step, h)
            c = torch.where(real, c_step, c)
            states.append(h)
        return torch.stack(states, dim=1), h, c
''',
        "why": "outputs at padded positions repeat the carried state instead of being zeros",
        "alternative": '''class MaskedLSTMLayer(LSTMLayer):
    """LSTMLayer whose forward(x, lengths) ignores the padded positions of each sequence."""

    def forward(self, x, lengths=None):
        """x (B, T, D), lengths (B,) -> outputs (B, T, H) (zero at padding), h_n and c_n at each last real step."""
        batch, steps, _ = x.shape
        if lengths is None:  # every sequence has the full length: the mask is all True
            lengths = torch.full((batch,), steps, dtype=torch.long)
        real = length_mask(torch.as_tensor(lengths).to(x.device), steps).unsqueeze(-1)  # (B, T, 1)
        h = torch.zeros(batch, self.hidden_size, dtype=x.dtype, device=x.device)
        c = torch.zeros_like(h)
        carried = []
        for t in range(steps):
            h_new, c_new = self.step(x[:, t], h, c)
            h = torch.where(real[:, t], h_new, h)
            c = torch.where(real[:, t], c_new, c)
            carried.append(h)
        outputs = torch.where(real, torch.stack(carried, dim=1), torch.zeros((), dtype=x.dtype, device=x.device))
        return outputs, h, c
''',
    },
    "masked_mean_pool": {
        "wrong": '''def masked_mean_pool(outputs, mask):
    """Mean of outputs (B, T, H) over the positions where mask (B, T) is True -> (B, H); zeros for empty rows."""
    outputs = torch.as_tensor(outputs)
    keep = torch.as_tensor(mask, device=outputs.device).bool().unsqueeze(-1)
    return torch.where(keep, outputs, torch.zeros_like(outputs)).mean(dim=1)
''',
        "why": "zeroes the padded positions but divides by T instead of the number of real positions",
        "alternative": '''def masked_mean_pool(outputs, mask):
    """Mean of outputs (B, T, H) over the positions where mask (B, T) is True -> (B, H); zeros for empty rows."""
    outputs = torch.as_tensor(outputs)
    weights = torch.as_tensor(mask, device=outputs.device).to(outputs.dtype)  # (B, T): 1.0 real, 0.0 padding
    totals = torch.einsum("bt,bth->bh", weights, outputs)
    counts = weights.sum(dim=1, keepdim=True)  # (B, 1)
    return totals / torch.clamp(counts, min=1.0)
''',
    },
    "clip_gradients": {
        "denied": '''# The hidden tests also call clip_gradients_ through clip_gradients_on_arrays (the cell above).
def clip_gradients(gradients, max_norm):
    """(global L2 norm of all gradients as a float, the gradients rescaled so that the norm is at most max_norm)."""
    parameters = []
    for gradient in gradients:
        gradient = torch.as_tensor(gradient)
        parameter = nn.Parameter(torch.zeros_like(gradient))
        parameter.grad = gradient.clone()
        parameters.append(parameter)
    total_norm = float(nn.utils.clip_grad_norm_(parameters, max_norm)) if parameters else 0.0
    return total_norm, [parameter.grad for parameter in parameters]


def clip_gradients_(parameters, max_norm):
    """Clip the .grad of `parameters` in place by their global norm; return the norm before clipping."""
    return float(nn.utils.clip_grad_norm_(parameters, max_norm))
''',
        "wrong": '''# The hidden tests also call clip_gradients_ through clip_gradients_on_arrays (the cell above).
def clip_gradients(gradients, max_norm):
    """(global L2 norm of all gradients as a float, the gradients rescaled so that the norm is at most max_norm)."""
    gradients = [torch.as_tensor(gradient) for gradient in gradients]
    total_norm = math.sqrt(sum(float((gradient.double() ** 2).sum()) for gradient in gradients))
    scale = min(1.0, max_norm / (total_norm + 1e-6))
    return total_norm, [gradient * scale for gradient in gradients]


def clip_gradients_(parameters, max_norm):
    """Clip the .grad of `parameters` in place by their global norm; return the norm before clipping."""
    total_norm, clipped = clip_gradients([p.grad for p in parameters if p.grad is not None], max_norm)
    for parameter, gradient in zip([p for p in parameters if p.grad is not None], clipped):
        parameter.grad.copy_(gradient)
    return total_norm
''',
        "why": "clip_gradients_ goes through the parameters generator twice: the second pass is empty, so nothing is clipped",
        "alternative": '''# The hidden tests also call clip_gradients_ through clip_gradients_on_arrays (the cell above).
def clip_gradients(gradients, max_norm):
    """(global L2 norm of all gradients as a float, the gradients rescaled so that the norm is at most max_norm)."""
    tensors = [torch.as_tensor(gradient) for gradient in gradients]
    if not tensors:
        return 0.0, []
    squared = torch.stack([tensor.detach().to(torch.float64).pow(2).sum() for tensor in tensors])
    total_norm = float(squared.sum().sqrt())
    factor = max_norm / (total_norm + 1e-6)
    if factor >= 1.0:
        return total_norm, [tensor.clone() for tensor in tensors]
    return total_norm, [tensor * factor for tensor in tensors]


def clip_gradients_(parameters, max_norm):
    """Clip the .grad of `parameters` in place by their global norm; return the norm before clipping."""
    gradients = [parameter.grad for parameter in parameters if parameter.grad is not None]
    total_norm, clipped = clip_gradients(gradients, max_norm)
    with torch.no_grad():
        for gradient, new_value in zip(gradients, clipped):
            gradient.copy_(new_value)
    return total_norm
''',
    },
    "sentiment_lstm": {
        "wrong": '''class SentimentLSTM(nn.Module):
    """Embedding -> MaskedLSTMLayer -> masked mean of the outputs (or h_n) -> logits for (neg, pos)."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, pooling="mean"):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=PAD_INDEX)
        self.lstm = MaskedLSTMLayer(embedding_dim, hidden_size)
        self.classifier = nn.Linear(hidden_size, len(LABELS))
        self.pooling = pooling

    def forward(self, token_ids, lengths):
        """token_ids (B, T) and lengths (B,), both long -> logits (B, 2)."""
        outputs, h_n, _ = self.lstm(self.embedding(token_ids), lengths)
        features = outputs.mean(dim=1) if self.pooling == "mean" else h_n
        return self.classifier(features)
''',
        "why": "mean pooling with outputs.mean(dim=1): divides by T_max, so padding changes the logits",
        "alternative": '''class SentimentLSTM(nn.Module):
    """Embedding -> MaskedLSTMLayer -> masked mean of the outputs (or h_n) -> logits for (neg, pos)."""

    def __init__(self, vocab_size, embedding_dim, hidden_size, pooling="mean"):
        super().__init__()
        self.pooling = pooling
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=PAD_INDEX)
        self.lstm = MaskedLSTMLayer(embedding_dim, hidden_size)
        self.classifier = nn.Linear(hidden_size, 2)  # column 0: neg, column 1: pos

    def forward(self, token_ids, lengths):
        """token_ids (B, T) and lengths (B,), both long -> logits (B, 2)."""
        outputs, _, _ = self.lstm(self.embedding(token_ids), lengths)
        if self.pooling == "last":  # the output at the last real step is h_n
            features = outputs[torch.arange(outputs.shape[0], device=outputs.device), lengths - 1]
        else:
            real = torch.arange(token_ids.shape[1], device=token_ids.device)[None, :] < lengths[:, None]
            features = masked_mean_pool(outputs, real)
        return self.classifier(features)
''',
    },
    "train_sentiment_lstm": {
        "wrong": '''def fit_sentiment_model(model, sequences, targets, epochs=8, batch_size=16, lr=0.01, max_norm=1.0, seed=0,
                        held_out=None):
    """Train `model` with Adam on length buckets, clipping every step; return one dict per epoch."""
    torch.manual_seed(seed)
    model.to(device).train()
    targets = torch.as_tensor(targets, dtype=torch.long)
    optimizer = torch.optim.Adam([parameter for parameter in model.parameters() if parameter.requires_grad], lr=lr)
    by_length = sorted(range(len(sequences)), key=lambda k: len(sequences[k]))
    buckets = [by_length[start:start + batch_size] for start in range(0, len(by_length), batch_size)]
    history = []
    for _ in tqdm(range(epochs), desc="epochs", leave=False):
        total_loss, correct, grad_norms = 0.0, 0, []
        for bucket in torch.randperm(len(buckets)).tolist():
            rows = buckets[bucket]
            token_ids, lengths = pad_batch([sequences[k] for k in rows], PAD_INDEX)
            batch_targets = targets[rows].to(device)
            logits = model(token_ids.to(device), lengths.to(device))
            loss = nn.functional.cross_entropy(logits, batch_targets)
            loss.backward()
            optimizer.zero_grad()
            grad_norms.append(clip_gradients_(model.parameters(), max_norm))
            optimizer.step()
            total_loss += loss.item() * len(rows)
            correct += (logits.argmax(dim=1) == batch_targets).sum().item()
        record = {"loss": total_loss / len(sequences), "accuracy": correct / len(sequences), "grad_norms": grad_norms}
        if held_out is not None:
            model.eval()
            held_out_ids, held_out_lengths = pad_batch(held_out[0], PAD_INDEX)
            with torch.no_grad():
                predicted = model(held_out_ids.to(device), held_out_lengths.to(device)).argmax(dim=1).cpu()
            record["held_out_accuracy"] = (predicted == torch.as_tensor(held_out[1])).float().mean().item()
            model.train()
        history.append(record)
    return history


def train_sentiment_lstm(texts, labels):
    """Train the GloVe + LSTM + masked-mean classifier on texts labelled "neg"/"pos"; return the model."""
    torch.manual_seed(0)
    model = SentimentLSTM(len(embedding_matrix), embedding_matrix.shape[1], hidden_size=32)
    with torch.no_grad():
        model.embedding.weight.copy_(embedding_matrix)
    model.embedding.weight.requires_grad_(False)
    targets = torch.tensor([LABELS.index(label) for label in labels])
    model.history = fit_sentiment_model(model, encode_texts(texts), targets)
    return model


def predict_sentiment_lstm(model, texts):
    """One label, "neg" or "pos", per text."""
    model.eval()
    sequences = encode_texts(texts)
    predictions = []
    with torch.no_grad():
        for start in range(0, len(sequences), 256):
            token_ids, lengths = pad_batch(sequences[start:start + 256], PAD_INDEX)
            logits = model(token_ids.to(device), lengths.to(device))
            predictions += [LABELS[k] for k in logits.argmax(dim=1).tolist()]
    return predictions
''',
        "why": "zeroes the gradients after backward and before the step, so Adam never sees a gradient and nothing is learned",
        "alternative": '''def fit_sentiment_model(model, sequences, targets, epochs=8, batch_size=16, lr=0.01, max_norm=1.0, seed=0,
                        held_out=None):
    """Train `model` with Adam on length buckets, clipping every step; return one dict per epoch."""

    def accuracy_on(pairs):
        model.eval()
        token_ids, lengths = pad_batch(pairs[0], PAD_INDEX)
        with torch.no_grad():
            guesses = model(token_ids.to(device), lengths.to(device)).argmax(dim=1).cpu()
        model.train()
        return float((guesses == torch.as_tensor(pairs[1]).cpu()).double().mean())

    torch.manual_seed(seed)
    model = model.to(device)
    model.train()
    labels = torch.as_tensor(targets, dtype=torch.long)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=lr)
    order = np.argsort([len(sequence) for sequence in sequences], kind="stable")
    batches = [order[start:start + batch_size].tolist() for start in range(0, len(order), batch_size)]
    history = []
    for epoch in tqdm(range(epochs), desc="epochs", leave=False):
        summed_loss, hits, norms = 0.0, 0, []
        for position in torch.randperm(len(batches)).tolist():
            rows = batches[position]
            token_ids, lengths = pad_batch([sequences[row] for row in rows], PAD_INDEX)
            wanted = labels[rows].to(device)
            logits = model(token_ids.to(device), lengths.to(device))
            loss = nn.functional.cross_entropy(logits, wanted)
            optimizer.zero_grad()
            loss.backward()
            norms.append(clip_gradients_(model.parameters(), max_norm))
            optimizer.step()
            summed_loss += float(loss) * len(rows)
            hits += int((logits.argmax(dim=1) == wanted).sum())
        entry = {"loss": summed_loss / len(sequences), "accuracy": hits / len(sequences), "grad_norms": norms}
        if held_out is not None:
            entry["held_out_accuracy"] = accuracy_on(held_out)
        history.append(entry)
    return history


def train_sentiment_lstm(texts, labels):
    """Train the GloVe + LSTM + masked-mean classifier on texts labelled "neg"/"pos"; return the model."""
    torch.manual_seed(0)
    model = SentimentLSTM(len(embedding_matrix), embedding_matrix.shape[1], 32, pooling="mean")
    model.embedding.weight.data.copy_(embedding_matrix)
    model.embedding.weight.requires_grad_(False)
    targets = torch.tensor([0 if label == "neg" else 1 for label in labels], dtype=torch.long)
    fit_sentiment_model(model, encode_texts(texts), targets)
    return model


def predict_sentiment_lstm(model, texts):
    """One label, "neg" or "pos", per text."""
    model.eval()
    token_ids, lengths = pad_batch(encode_texts(texts), PAD_INDEX)
    with torch.no_grad():
        classes = model(token_ids.to(device), lengths.to(device)).argmax(dim=1).tolist()
    return [LABELS[k] for k in classes]
''',
    },
    "last_real_states": {
        "wrong": '''def last_real_states(outputs, lengths):
    """The state after the last real step of every row: (B, T, H) outputs, (B,) lengths -> (B, H)."""
    values = torch.as_tensor(outputs)
    steps = torch.as_tensor(lengths, dtype=torch.long).reshape(-1)
    if len(steps) != values.shape[0] or (steps < 1).any() or (steps > values.shape[1]).any():
        raise ValueError("one length in [1, T] per row")
    return values[:, -1]  # the last column, for every row
''',
        "why": "reads outputs[:, -1], the last padded column, which is the last real state only for the longest rows",
        "alternative": '''def last_real_states(outputs, lengths):
    """The state after the last real step of every row: (B, T, H) outputs, (B,) lengths -> (B, H)."""
    values = torch.as_tensor(outputs)
    counts = torch.as_tensor(lengths).long().flatten()
    batch, steps, hidden = values.shape
    if counts.numel() != batch or counts.min() < 1 or counts.max() > steps:
        raise ValueError("bad lengths")
    index = (counts - 1).view(batch, 1, 1).expand(batch, 1, hidden)  # (B, 1, H)
    return torch.gather(values, 1, index).squeeze(1)
''',
    },
    "quiz": {
        "wrong": '''# Set the six variables below.
predicted_pooled = 2.5  # averages all six positions, padding included
predicted_clipped = 3.0
predicted_short_h = 0.5 * math.tanh(0.75)
measured_pooled = float(masked_mean_pool(torch.arange(6.0).reshape(1, 6, 1), length_mask([4], 6))[0, 0])
measured_clipped = float(clip_gradients([torch.tensor([6.0, 8.0]), torch.tensor([0.0])], 5.0)[1][0][0])
quiz_layer = MaskedLSTMLayer(1, 1)
with torch.no_grad():
    for quiz_parameter in quiz_layer.parameters():
        quiz_parameter.zero_()
    quiz_layer.bias_ih[2] = 100.0
    measured_short_h = float(quiz_layer(torch.randn(2, 5, 1), torch.tensor([5, 2]))[1][1, 0])
''',
        "why": "predicts the unmasked mean 2.5, averaging the padded positions too; the masked mean is 1.5",
        "alternative": '''# Set the six variables below.
predicted_pooled = float(sum(range(4)) / 4)
predicted_clipped = float(6.0 * min(1.0, 5.0 / math.hypot(6.0, 8.0)))
cell = 0.0
for _ in range(2):
    cell = 0.5 * cell + 0.5 * 1.0
predicted_short_h = 0.5 * math.tanh(cell)
mask = length_mask(torch.tensor([4]), max_len=6)
measured_pooled = masked_mean_pool(torch.arange(6.0).view(1, 6, 1), mask).item()
norm, clipped = clip_gradients([torch.tensor([6.0, 8.0]), torch.tensor([0.0])], max_norm=5.0)
measured_clipped = clipped[0][0].item()
layer = MaskedLSTMLayer(1, 1)
with torch.no_grad():
    layer.weight_ih.zero_()
    layer.weight_hh.zero_()
    layer.bias_hh.zero_()
    layer.bias_ih.copy_(torch.tensor([0.0, 0.0, 100.0, 0.0]))
    _, h_n, _ = layer(torch.zeros(2, 5, 1), torch.tensor([5, 2]))
measured_short_h = h_n[1, 0].item()
''',
    },
}
