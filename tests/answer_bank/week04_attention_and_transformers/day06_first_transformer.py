"""Answer bank of week04_attention_and_transformers day06_first_transformer: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "answer_embeddings": {
        "wrong": '''def sinusoidal_positions(length, d_model):
    """Sinusoidal position encodings (length, d_model) float32: sines in even columns, cosines in odd ones."""
    positions = torch.arange(length, dtype=torch.float32)[:, None]
    rates = 10000.0 ** (-torch.arange(0, d_model, 2, dtype=torch.float32) / d_model)
    angles = positions * rates  # (length, d_model / 2)
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)  # all sines, then all cosines


class TokenEmbedding(nn.Module):
    """sqrt(d_model) * embedding(ids) + sinusoidal positions."""

    def __init__(self, vocab_size, d_model, pad_id=0):
        super().__init__()
        self.d_model = d_model
        self.embedding = nn.Embedding(vocab_size, d_model, padding_idx=pad_id)
        nn.init.normal_(self.embedding.weight, std=d_model ** -0.5)
        with torch.no_grad():
            self.embedding.weight[pad_id].zero_()

    def forward(self, ids):
        positions = sinusoidal_positions(ids.shape[1], self.d_model).to(self.embedding.weight.device)
        return self.embedding(ids) * math.sqrt(self.d_model) + positions
''',
        "why": "puts all the sines in the first half of the columns and the cosines in the second half instead of interleaving them",
        "alternative": '''def sinusoidal_positions(length, d_model):
    """Sinusoidal position encodings (length, d_model) float32: sines in even columns, cosines in odd ones."""
    pair = torch.arange(d_model // 2, dtype=torch.float32)
    inverse_wavelength = torch.exp(-math.log(10000.0) * 2 * pair / d_model)  # 10000 ** (-2i / d)
    angle = torch.outer(torch.arange(length, dtype=torch.float32), inverse_wavelength)  # (length, d_model / 2)
    return torch.stack((angle.sin(), angle.cos()), dim=-1).reshape(length, d_model)  # sin, cos, sin, cos, ...


class TokenEmbedding(nn.Module):
    """sqrt(d_model) * embedding(ids) + sinusoidal positions."""

    def __init__(self, vocab_size, d_model, pad_id=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, d_model, padding_idx=pad_id)
        with torch.no_grad():
            self.embedding.weight.normal_(mean=0.0, std=1.0 / math.sqrt(d_model))
            self.embedding.weight[pad_id] = 0.0
        self.scale = math.sqrt(d_model)

    def forward(self, ids):
        vectors = self.embedding(ids)  # (batch, seq_len, d_model)
        table = sinusoidal_positions(vectors.shape[1], vectors.shape[2]).to(device=vectors.device, dtype=vectors.dtype)
        return self.scale * vectors + table.unsqueeze(0)
''',
    },
    "answer_make_masks": {
        "wrong": '''def make_masks(source, target_input, pad_id):
    """(src_key_padding_mask (B, S), causal tgt_mask (T, T), tgt_key_padding_mask (B, T)), all bool, True = blocked."""
    source, target_input = torch.as_tensor(source), torch.as_tensor(target_input)
    target_len = target_input.shape[1]
    causal = torch.ones(target_len, target_len, dtype=torch.bool).triu()  # above the diagonal
    return source == pad_id, causal, target_input == pad_id
''',
        "why": "triu() without diagonal=1 also blocks the diagonal: a position may not attend to itself",
        "alternative": '''def make_masks(source, target_input, pad_id):
    """(src_key_padding_mask (B, S), causal tgt_mask (T, T), tgt_key_padding_mask (B, T)), all bool, True = blocked."""
    source = torch.as_tensor(source)
    target_input = torch.as_tensor(target_input)
    positions = torch.arange(target_input.shape[-1], device=target_input.device)
    future = positions.unsqueeze(0) > positions.unsqueeze(1)  # [i, j] is True when key j comes after query i
    return source.eq(pad_id), future, target_input.eq(pad_id)
''',
    },
    "answer_teacher_forcing_pair": {
        "wrong": """def teacher_forcing_pair(targets, bos_id, eos_id, pad_id):
    \"\"\"(target_input, target_output), each (B, T + 1) int64: <bos> + target and target + <eos>, padded on the right.\"\"\"
    if len(targets) == 0 or any(len(ids) == 0 for ids in targets):
        raise ValueError("empty")
    width = max(len(ids) for ids in targets) + 1
    rows_in, rows_out = [], []
    for ids in targets:
        rows_in.append([bos_id] + list(ids) + [eos_id] + [pad_id] * (width - len(ids) - 2))   # keeps <eos> in the input
        rows_out.append(list(ids) + [eos_id] + [pad_id] * (width - len(ids) - 1))
    return torch.tensor([row[:width] for row in rows_in]), torch.tensor(rows_out)
""",
        "why": "writes <eos> into target_input too (cut off only for the longest target), so the shorter targets' inputs "
               "hold an <eos> where make_batch has padding",
        "alternative": """def teacher_forcing_pair(targets, bos_id, eos_id, pad_id):
    \"\"\"(target_input, target_output), each (B, T + 1) int64: <bos> + target and target + <eos>, padded on the right.\"\"\"
    if not targets or not all(targets):
        raise ValueError("every target needs at least one token")
    starts = [torch.tensor([bos_id, *ids], dtype=torch.long) for ids in targets]
    ends = [torch.tensor([*ids, eos_id], dtype=torch.long) for ids in targets]
    pad = nn.utils.rnn.pad_sequence
    return pad(starts, batch_first=True, padding_value=pad_id), pad(ends, batch_first=True, padding_value=pad_id)
""",
    },
    "answer_number_transformer": {
        "wrong": '''# The hidden tests also run this model step by step through StepwiseNumberTransformer (the cell after this one).
class NumberTransformer(nn.Module):
    """Encoder-decoder transformer: TokenEmbedding -> nn.Transformer -> Linear, usable with greedy_decode."""

    def __init__(self, source_vocab_size, target_vocab_size, d_model=64, num_heads=4, num_layers=2, d_ff=128,
                 dropout=0.0, pad_id=0):
        super().__init__()
        self.pad_id = pad_id
        self.source_embedding = TokenEmbedding(source_vocab_size, d_model, pad_id)
        self.target_embedding = TokenEmbedding(target_vocab_size, d_model, pad_id)
        self.transformer = nn.Transformer(d_model, num_heads, num_layers, num_layers, d_ff, dropout, batch_first=True)
        self.output = nn.Linear(d_model, target_vocab_size)

    def forward(self, source, source_lengths, target_input):
        source_padding, causal, target_padding = make_masks(source, target_input, self.pad_id)
        hidden = self.transformer(self.source_embedding(source), self.target_embedding(target_input),
                                  tgt_mask=causal, src_key_padding_mask=source_padding,
                                  tgt_key_padding_mask=target_padding)  # the encoder already ignores the padding
        return self.output(hidden)

    def encode(self, source, source_lengths):
        memory = self.transformer.encoder(self.source_embedding(source), src_key_padding_mask=source == self.pad_id)
        return memory, torch.zeros(source.shape[0], 0, dtype=torch.long, device=source.device)

    def decode_step(self, previous_tokens, state, encoder_outputs, source_mask):
        prefix = torch.cat([state, previous_tokens[:, None]], dim=1)
        _, causal, _ = make_masks(source_mask, prefix, self.pad_id)
        hidden = self.transformer.decoder(self.target_embedding(prefix), encoder_outputs, tgt_mask=causal,
                                          memory_key_padding_mask=~source_mask)
        return self.output(hidden[:, -1]), prefix
''',
        "why": "forward does not pass memory_key_padding_mask, so cross-attention reads the padded memory positions",
        "alternative": '''# The hidden tests also run this model step by step through StepwiseNumberTransformer (the cell after this one).
class NumberTransformer(nn.Module):
    """Encoder-decoder transformer: TokenEmbedding -> nn.Transformer -> Linear, usable with greedy_decode."""

    def __init__(self, source_vocab_size, target_vocab_size, d_model=64, num_heads=4, num_layers=2, d_ff=128,
                 dropout=0.0, pad_id=0):
        super().__init__()
        self.pad_id = pad_id
        self.source_embedding = TokenEmbedding(source_vocab_size, d_model, pad_id)
        self.target_embedding = TokenEmbedding(target_vocab_size, d_model, pad_id)
        self.transformer = nn.Transformer(d_model=d_model, nhead=num_heads, num_encoder_layers=num_layers,
                                          num_decoder_layers=num_layers, dim_feedforward=d_ff, dropout=dropout,
                                          batch_first=True)
        self.output = nn.Linear(d_model, target_vocab_size)

    def _decode(self, prefix, memory, memory_padding):
        causal = make_masks(prefix[:, :1], prefix, self.pad_id)[1]
        hidden = self.transformer.decoder(self.target_embedding(prefix), memory, tgt_mask=causal,
                                          tgt_key_padding_mask=None, memory_key_padding_mask=memory_padding)
        return self.output(hidden)  # (B, T, target_vocab)

    def forward(self, source, source_lengths, target_input):
        source_padding, causal, target_padding = make_masks(source, target_input, self.pad_id)
        memory = self.transformer.encoder(self.source_embedding(source), src_key_padding_mask=source_padding)
        hidden = self.transformer.decoder(self.target_embedding(target_input), memory, tgt_mask=causal,
                                          tgt_key_padding_mask=target_padding,
                                          memory_key_padding_mask=source_padding)
        return self.output(hidden)

    def encode(self, source, source_lengths):
        memory = self.transformer.encoder(self.source_embedding(source), src_key_padding_mask=source.eq(self.pad_id))
        return memory, source.new_zeros((source.shape[0], 0), dtype=torch.long)

    def decode_step(self, previous_tokens, state, encoder_outputs, source_mask):
        prefix = torch.cat((state, previous_tokens.reshape(-1, 1).to(state.dtype)), dim=1)  # (B, t + 1)
        logits = self._decode(prefix, encoder_outputs, source_mask.logical_not())
        return logits[:, -1, :], prefix
''',
    },
    "quiz": {
        "wrong": """torch.manual_seed(3)
quiz_embedding = TokenEmbedding(10, 4, pad_id=0)
# Set the six variables below.
predicted_position_entry = math.cos(100 * 10000 ** (-3 / 4))  # the column index in the exponent
predicted_padding_output = 0.0                                 # believes the padding token gives a zero vector
predicted_loss_positions = 8
measured_position_entry = sinusoidal_positions(101, 4)[100, 3].item()
with torch.no_grad():
    measured_padding_output = quiz_embedding(torch.tensor([[5, 7, 0]]))[0, 2, 0].item()
measured_loss_positions = int((teacher_forcing_pair([[3, 4], [5, 6, 7, 8]], 1, 2, 0)[1] != 0).sum())
""",
        "why": "predicts the position code with the column index instead of the pair index in the exponent, and forgets that "
               "the position code is added to the zero padding row (the measurements are right)",
        "alternative": """torch.manual_seed(3)
quiz_embedding = TokenEmbedding(10, 4, pad_id=0)
# Set the six variables below.
predicted_position_entry = 0.5403
predicted_padding_output = 0.9093
predicted_loss_positions = 3 + 5
table = sinusoidal_positions(length=101, d_model=4)
measured_position_entry = float(table[-1][3])
with torch.no_grad():
    embedded = quiz_embedding(torch.tensor([[5, 7, 0]]))
measured_padding_output = float(embedded[0][2][0])
_, outputs = teacher_forcing_pair([[3, 4], [5, 6, 7, 8]], bos_id=1, eos_id=2, pad_id=0)
measured_loss_positions = int(torch.count_nonzero(outputs != 0))
""",
    },
}
