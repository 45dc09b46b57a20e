"""Answer bank of week04_attention_and_transformers day05_transformer_network: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "layer_norm": {
        "wrong": '''def layer_norm(x, gamma, beta, eps=1e-5):
    """Normalise each vector along the last axis of x (biased variance, eps inside the root), then scale and shift."""
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=-1, keepdims=True)
    std = x.std(axis=-1, keepdims=True)
    return (x - mean) / (std + eps) * gamma + beta  # eps added to the standard deviation
''',
        "why": "adds eps to the standard deviation instead of to the variance inside the square root",
        "alternative": '''def layer_norm(x, gamma, beta, eps=1e-5):
    """Normalise each vector along the last axis of x (biased variance, eps inside the root), then scale and shift."""
    values = np.array(x, dtype=np.float64)  # a copy: x stays as it is
    centre = np.mean(values, axis=-1, keepdims=True)
    spread = np.var(values, axis=-1, keepdims=True)  # ddof=0: divides by d
    inverse_std = 1.0 / np.sqrt(spread + eps)
    scale = np.asarray(gamma, dtype=np.float64)
    shift = np.asarray(beta, dtype=np.float64)
    return (values - centre) * inverse_std * scale + shift
''',
        "denied": '''def layer_norm(x, gamma, beta, eps=1e-5):
    """Normalise each vector along the last axis of x (biased variance, eps inside the root), then scale and shift."""
    x = torch.as_tensor(np.asarray(x, dtype=np.float64))
    gamma = torch.as_tensor(np.asarray(gamma, dtype=np.float64))
    beta = torch.as_tensor(np.asarray(beta, dtype=np.float64))
    return F.layer_norm(x, (x.shape[-1],), gamma, beta, eps).numpy()
''',
    },
    "positionwise_feed_forward": {
        "wrong": '''class PositionwiseFeedForward(nn.Module):
    """The same two-layer ReLU network applied at every position: (..., d_model) -> (..., d_model)."""

    def __init__(self, d_model, d_ff, dropout=0.1):
        super().__init__()
        self.linear1 = nn.Linear(d_model, d_ff)
        self.dropout = nn.Dropout(dropout)
        self.linear2 = nn.Linear(d_ff, d_model)

    def forward(self, x):
        """x (..., d_model) -> (..., d_model)."""
        return self.dropout(self.linear2(torch.relu(self.linear1(x))))  # dropout on the output
''',
        "why": "applies dropout to the output of linear2 instead of to the hidden units between the ReLU and linear2",
        "alternative": '''class PositionwiseFeedForward(nn.Module):
    """The same two-layer ReLU network applied at every position: (..., d_model) -> (..., d_model)."""

    def __init__(self, d_model, d_ff, dropout=0.1):
        super().__init__()
        self.linear1 = nn.Linear(in_features=d_model, out_features=d_ff)
        self.dropout = nn.Dropout(p=dropout)
        self.linear2 = nn.Linear(in_features=d_ff, out_features=d_model)

    def forward(self, x):
        """x (..., d_model) -> (..., d_model)."""
        hidden = F.linear(x, self.linear1.weight, self.linear1.bias).clamp(min=0.0)  # ReLU
        return F.linear(self.dropout(hidden), self.linear2.weight, self.linear2.bias)
''',
    },
    "encoder_layer": {
        "wrong": '''class EncoderLayer(nn.Module):
    """A transformer encoder layer with the parameter names of nn.TransformerEncoderLayer(batch_first=True)."""

    def __init__(self, d_model, num_heads, d_ff, dropout=0.1, norm_first=False):
        super().__init__()
        self.norm_first = norm_first
        self.self_attn = nn.MultiheadAttention(d_model, num_heads, dropout=dropout, batch_first=True)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.dropout = nn.Dropout(dropout)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.dropout1 = nn.Dropout(dropout)
        self.dropout2 = nn.Dropout(dropout)

    def forward(self, src, src_key_padding_mask=None):
        """src (B, S, d_model), optional padding mask (B, S) with True at padding -> (B, S, d_model)."""
        x = src
        if self.norm_first:
            x = self.norm1(x)  # the normalised x also becomes the residual
            x = x + self.dropout1(self.self_attn(x, x, x, key_padding_mask=src_key_padding_mask, need_weights=False)[0])
            x = self.norm2(x)
            x = x + self.dropout2(self.linear2(self.dropout(torch.relu(self.linear1(x)))))
        else:
            x = self.norm1(x + self.dropout1(self.self_attn(x, x, x, key_padding_mask=src_key_padding_mask,
                                                            need_weights=False)[0]))
            x = self.norm2(x + self.dropout2(self.linear2(self.dropout(torch.relu(self.linear1(x))))))
        return x
''',
        "why": "pre-norm: overwrites the residual stream with its normalised version, so the residual adds norm(x) instead of x",
        "alternative": '''class EncoderLayer(nn.Module):
    """A transformer encoder layer with the parameter names of nn.TransformerEncoderLayer(batch_first=True)."""

    def __init__(self, d_model, num_heads, d_ff, dropout=0.1, norm_first=False):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(embed_dim=d_model, num_heads=num_heads, dropout=dropout,
                                               batch_first=True)
        self.linear1, self.linear2 = nn.Linear(d_model, d_ff), nn.Linear(d_ff, d_model)
        self.norm1, self.norm2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.dropout, self.dropout1, self.dropout2 = (nn.Dropout(dropout) for _ in range(3))
        self.norm_first = norm_first

    def forward(self, src, src_key_padding_mask=None):
        """src (B, S, d_model), optional padding mask (B, S) with True at padding -> (B, S, d_model)."""

        def attend(h):
            out, _ = self.self_attn(h, h, h, key_padding_mask=src_key_padding_mask, need_weights=False)
            return self.dropout1(out)

        def feed_forward(h):
            return self.dropout2(self.linear2(self.dropout(F.relu(self.linear1(h)))))

        stream = src
        for sublayer, norm in ((attend, self.norm1), (feed_forward, self.norm2)):
            if self.norm_first:
                stream = stream + sublayer(norm(stream))
            else:
                stream = norm(stream + sublayer(stream))
        return stream
''',
        "denied": '''class EncoderLayer(nn.TransformerEncoderLayer):
    """A transformer encoder layer with the parameter names of nn.TransformerEncoderLayer(batch_first=True)."""

    def __init__(self, d_model, num_heads, d_ff, dropout=0.1, norm_first=False):
        super().__init__(d_model, num_heads, d_ff, dropout=dropout, batch_first=True, norm_first=norm_first)

    def forward(self, src, src_key_padding_mask=None):
        """src (B, S, d_model), optional padding mask (B, S) with True at padding -> (B, S, d_model)."""
        return super().forward(src, src_key_padding_mask=src_key_padding_mask)
''',
    },
    "decoder_layer": {
        "wrong": '''class DecoderLayer(nn.Module):
    """A transformer decoder layer with the parameter names of nn.TransformerDecoderLayer(batch_first=True)."""

    def __init__(self, d_model, num_heads, d_ff, dropout=0.1, norm_first=False):
        super().__init__()
        self.norm_first = norm_first
        self.self_attn = nn.MultiheadAttention(d_model, num_heads, dropout=dropout, batch_first=True)
        self.multihead_attn = nn.MultiheadAttention(d_model, num_heads, dropout=dropout, batch_first=True)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.dropout = nn.Dropout(dropout)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1, self.norm2, self.norm3 = nn.LayerNorm(d_model), nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.dropout1, self.dropout2, self.dropout3 = nn.Dropout(dropout), nn.Dropout(dropout), nn.Dropout(dropout)

    def forward(self, tgt, memory, tgt_mask=None, memory_key_padding_mask=None):
        """tgt (B, T, d_model), memory (B, S, d_model), tgt_mask (T, T), memory padding (B, S) -> (B, T, d_model)."""
        y = tgt

        def sa(h):
            return self.dropout1(self.self_attn(h, h, h, attn_mask=tgt_mask, need_weights=False)[0])

        def ca(h, m):
            return self.dropout2(self.multihead_attn(h, m, m, key_padding_mask=memory_key_padding_mask,
                                                     need_weights=False)[0])

        def ff(h):
            return self.dropout3(self.linear2(self.dropout(torch.relu(self.linear1(h)))))

        if self.norm_first:
            y = y + sa(self.norm1(y))
            y = y + ca(self.norm2(y), self.norm2(memory))  # the memory normalised too
            y = y + ff(self.norm3(y))
        else:
            y = self.norm1(y + sa(y))
            y = self.norm2(y + ca(y, memory))
            y = self.norm3(y + ff(y))
        return y
''',
        "why": "pre-norm: also passes the memory through norm2 before cross-attention; the prompt says the memory is not normalised inside the layer",
        "alternative": '''class DecoderLayer(nn.Module):
    """A transformer decoder layer with the parameter names of nn.TransformerDecoderLayer(batch_first=True)."""

    def __init__(self, d_model, num_heads, d_ff, dropout=0.1, norm_first=False):
        super().__init__()
        self.norm_first = norm_first
        for name in ("self_attn", "multihead_attn"):
            setattr(self, name, nn.MultiheadAttention(d_model, num_heads, dropout=dropout, batch_first=True))
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        for index in (1, 2, 3):
            setattr(self, f"norm{index}", nn.LayerNorm(d_model))
            setattr(self, f"dropout{index}", nn.Dropout(dropout))
        self.dropout = nn.Dropout(dropout)

    def forward(self, tgt, memory, tgt_mask=None, memory_key_padding_mask=None):
        """tgt (B, T, d_model), memory (B, S, d_model), tgt_mask (T, T), memory padding (B, S) -> (B, T, d_model)."""
        branches = [
            (self.norm1, self.dropout1,
             lambda h: self.self_attn(h, h, h, attn_mask=tgt_mask, need_weights=False)[0]),
            (self.norm2, self.dropout2,
             lambda h: self.multihead_attn(h, memory, memory, key_padding_mask=memory_key_padding_mask,
                                           need_weights=False)[0]),
            (self.norm3, self.dropout3,
             lambda h: self.linear2(self.dropout(F.relu(self.linear1(h))))),
        ]
        y = tgt
        for norm, drop, sublayer in branches:
            y = y + drop(sublayer(norm(y))) if self.norm_first else norm(y + drop(sublayer(y)))
        return y
''',
        "denied": '''class DecoderLayer(nn.TransformerDecoderLayer):
    """A transformer decoder layer with the parameter names of nn.TransformerDecoderLayer(batch_first=True)."""

    def __init__(self, d_model, num_heads, d_ff, dropout=0.1, norm_first=False):
        super().__init__(d_model, num_heads, d_ff, dropout=dropout, batch_first=True, norm_first=norm_first)

    def forward(self, tgt, memory, tgt_mask=None, memory_key_padding_mask=None):
        """tgt (B, T, d_model), memory (B, S, d_model), tgt_mask (T, T), memory padding (B, S) -> (B, T, d_model)."""
        return super().forward(tgt, memory, tgt_mask=tgt_mask, memory_key_padding_mask=memory_key_padding_mask)
''',
    },
    "square_subsequent_mask": {
        "wrong": """def square_subsequent_mask(size):
    \"\"\"(size, size) bool causal mask in PyTorch's convention: True where key j > query i (the future, hidden).\"\"\"
    if size < 0:
        raise ValueError("size must be >= 0")
    return torch.ones(size, size, dtype=torch.bool).tril()      # True where the query MAY attend
""",
        "why": "writes F.scaled_dot_product_attention's convention (True = may attend) where nn.MultiheadAttention reads "
               "True as hidden, so the mask hides the past and the token itself and shows the future",
        "alternative": """def square_subsequent_mask(size):
    \"\"\"(size, size) bool causal mask in PyTorch's convention: True where key j > query i (the future, hidden).\"\"\"
    if int(size) < 0:
        raise ValueError("a mask needs a size of at least 0")
    return torch.triu(torch.ones(size, size), diagonal=1).bool()
""",
    },
    "transformer_parameter_count": {
        "wrong": '''def transformer_parameter_count(d_model, num_heads, d_ff, num_encoder_layers, num_decoder_layers):
    """Parameter counts of nn.Transformer's pieces and of the whole (final norms included), as a dict of ints."""
    if d_model % num_heads != 0:
        raise ValueError("num_heads must divide d_model")
    attention = 4 * d_model * d_model + 4 * d_model
    feed_forward = 2 * d_model * d_ff + d_ff + d_model
    encoder_layer = attention + feed_forward + 4 * d_model
    decoder_layer = 2 * attention + feed_forward + 6 * d_model
    final_norms = 2 * d_model * (num_encoder_layers > 0) + 2 * d_model * (num_decoder_layers > 0)  # only real stacks
    total = num_encoder_layers * encoder_layer + num_decoder_layers * decoder_layer + final_norms
    return {"attention": attention, "feed_forward": feed_forward, "encoder_layer": encoder_layer,
            "decoder_layer": decoder_layer, "final_norms": final_norms, "total": total}
''',
        "why": "counts a final norm only for a stack with at least one layer; nn.Transformer has both final norms whatever the layer counts",
        "alternative": '''def transformer_parameter_count(d_model, num_heads, d_ff, num_encoder_layers, num_decoder_layers):
    """Parameter counts of nn.Transformer's pieces and of the whole (final norms included), as a dict of ints."""
    if d_model % num_heads:
        raise ValueError(f"{num_heads} heads cannot split d_model = {d_model}")

    def linear(inputs, outputs):
        return inputs * outputs + outputs  # weight and bias

    norm = 2 * d_model
    counts = {"attention": 3 * d_model * d_model + 3 * d_model + linear(d_model, d_model),  # in_proj + out_proj
              "feed_forward": linear(d_model, d_ff) + linear(d_ff, d_model)}
    counts["encoder_layer"] = counts["attention"] + counts["feed_forward"] + 2 * norm
    counts["decoder_layer"] = 2 * counts["attention"] + counts["feed_forward"] + 3 * norm
    counts["final_norms"] = norm + norm
    counts["total"] = (num_encoder_layers * counts["encoder_layer"] + num_decoder_layers * counts["decoder_layer"]
                       + counts["final_norms"])
    return {key: int(value) for key, value in counts.items()}
''',
    },
    "quiz": {
        "wrong": """quiz_vector = np.array([0.0, 0.0, 0.0, 4.0])
# Set the six variables below.
predicted_normalised_entry = 3 / math.sqrt(4)          # the unbiased variance 12 / 3 = 4
predicted_hidden_entries = 21                           # counts the diagonal as hidden too
predicted_encoder_parameters = (4 * 20 * 20 + 4 * 20) + (2 * 20 * 30 + 30 + 20) + 2 * (2 * 20)
measured_normalised_entry = float(layer_norm(quiz_vector, np.ones(4), np.zeros(4))[-1])
measured_hidden_entries = int(square_subsequent_mask(6).sum())
measured_encoder_parameters = sum(p.numel() for p in EncoderLayer(20, 5, 30).parameters())
""",
        "why": "predicts the layer norm with the unbiased variance and counts the diagonal as hidden (the measurements are right)",
        "alternative": """quiz_vector = np.array([0.0, 0.0, 0.0, 4.0])
# Set the six variables below.
predicted_normalised_entry = math.sqrt(3)
predicted_hidden_entries = 15
predicted_encoder_parameters = 3010
normalised = layer_norm(quiz_vector, gamma=np.ones(4), beta=np.zeros(4))
measured_normalised_entry = float(normalised[3])
measured_hidden_entries = int(torch.count_nonzero(square_subsequent_mask(6)))
measured_encoder_parameters = int(sum(w.numel() for _, w in EncoderLayer(20, 5, 30).named_parameters()))
""",
    },
}
