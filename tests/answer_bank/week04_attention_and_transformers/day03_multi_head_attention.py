"""Answer bank of week04_attention_and_transformers day03_multi_head_attention: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "split_merge_heads": {
        "wrong": '''def split_heads(x, num_heads):
    """(batch, seq, d_model) -> (batch, num_heads, seq, d_model // num_heads); head i holds column slice i."""
    x = torch.as_tensor(x)
    batch, seq_len, d_model = x.shape
    if d_model % num_heads != 0:
        raise ValueError(f"d_model = {d_model} is not divisible by num_heads = {num_heads}")
    return x.reshape(batch, num_heads, seq_len, d_model // num_heads)  # straight to the target shape


def merge_heads(x):
    """(batch, num_heads, seq, d_head) -> (batch, seq, num_heads * d_head): the inverse of split_heads."""
    x = torch.as_tensor(x)
    batch, num_heads, seq_len, d_head = x.shape
    return x.reshape(batch, seq_len, num_heads * d_head)
''',
        "why": "reshapes straight to (batch, heads, seq, d_head) without the transpose: right shape, tokens mixed up",
        "alternative": '''def split_heads(x, num_heads):
    """(batch, seq, d_model) -> (batch, num_heads, seq, d_model // num_heads); head i holds column slice i."""
    x = torch.as_tensor(x)
    if x.shape[-1] % num_heads:
        raise ValueError(f"cannot split {x.shape[-1]} columns into {num_heads} equal heads")
    slices = torch.chunk(x, num_heads, dim=-1)  # num_heads consecutive column blocks, each (batch, seq, d_head)
    return torch.stack(slices, dim=1)


def merge_heads(x):
    """(batch, num_heads, seq, d_head) -> (batch, seq, num_heads * d_head): the inverse of split_heads."""
    x = torch.as_tensor(x)
    return torch.cat(torch.unbind(x, dim=1), dim=-1)  # head i back into column block i
''',
    },
    "multi_head_attention": {
        "wrong": '''class MultiHeadAttention(nn.Module):
    """Multi-head attention with nn.MultiheadAttention's parameters, batch-first, returning per-head weights."""

    def __init__(self, d_model, num_heads, bias=True):
        super().__init__()
        if d_model % num_heads != 0:
            raise ValueError("d_model must be divisible by num_heads")
        self.d_model, self.num_heads = d_model, num_heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * d_model, d_model))
        nn.init.xavier_uniform_(self.in_proj_weight)
        if bias:
            self.in_proj_bias = nn.Parameter(torch.zeros(3 * d_model))
        else:
            self.register_parameter("in_proj_bias", None)
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)
        if bias:
            nn.init.zeros_(self.out_proj.bias)

    def forward(self, query, key, value, key_padding_mask=None):
        """query (B, L_q, d), key and value (B, L_k, d), mask (B, L_k) True = padding
        -> (output (B, L_q, d), weights (B, heads, L_q, L_k))."""
        W_q, W_k, W_v = self.in_proj_weight.chunk(3)
        b_q, b_k, b_v = self.in_proj_bias.chunk(3) if self.in_proj_bias is not None else (None, None, None)
        queries = split_heads(F.linear(query, W_q, b_q), self.num_heads)
        keys = split_heads(F.linear(key, W_k, b_k), self.num_heads)
        values = split_heads(F.linear(value, W_v, b_v), self.num_heads)
        scores = queries @ keys.transpose(-1, -2) / math.sqrt(self.d_model)  # the model size
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        return self.out_proj(merge_heads(weights @ values)), weights
''',
        "why": "divides the scores by sqrt(d_model) instead of sqrt(d_head)",
        "alternative": '''class MultiHeadAttention(nn.Module):
    """Multi-head attention with nn.MultiheadAttention's parameters, batch-first, returning per-head weights."""

    def __init__(self, d_model, num_heads, bias=True):
        super().__init__()
        if d_model % num_heads:
            raise ValueError(f"{num_heads} heads do not divide d_model = {d_model}")
        self.heads = num_heads
        self.in_proj_weight = nn.Parameter(nn.init.xavier_uniform_(torch.empty(3 * d_model, d_model)))
        self.register_parameter("in_proj_bias", nn.Parameter(torch.zeros(3 * d_model)) if bias else None)
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)
        if self.out_proj.bias is not None:
            with torch.no_grad():
                self.out_proj.bias.fill_(0.0)

    def forward(self, query, key, value, key_padding_mask=None):
        """query (B, L_q, d), key and value (B, L_k, d), mask (B, L_k) True = padding
        -> (output (B, L_q, d), weights (B, heads, L_q, L_k))."""
        d_model = self.in_proj_weight.shape[1]
        d_head = d_model // self.heads

        def project(x, block):
            rows = slice(block * d_model, (block + 1) * d_model)
            y = x @ self.in_proj_weight[rows].T
            if self.in_proj_bias is not None:
                y = y + self.in_proj_bias[rows]
            return y.reshape(x.shape[0], x.shape[1], self.heads, d_head)  # (B, L, heads, d_head)

        q, k, v = project(query, 0), project(key, 1), project(value, 2)
        scores = torch.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(d_head)
        if key_padding_mask is not None:
            hidden = torch.as_tensor(key_padding_mask, device=scores.device).bool()
            scores = scores.masked_fill(hidden.view(hidden.shape[0], 1, 1, hidden.shape[1]), float("-inf"))
        weights = scores.softmax(dim=-1)
        mixed = torch.einsum("bhqk,bkhd->bqhd", weights, v).reshape(query.shape[0], query.shape[1], d_model)
        return self.out_proj(mixed), weights
''',
        "denied": '''class MultiHeadAttention(nn.MultiheadAttention):
    """Multi-head attention with nn.MultiheadAttention's parameters, batch-first, returning per-head weights."""

    def __init__(self, d_model, num_heads, bias=True):
        if d_model % num_heads != 0:
            raise ValueError(f"d_model = {d_model} is not divisible by num_heads = {num_heads}")
        super().__init__(d_model, num_heads, bias=bias, batch_first=True)  # the same parameters and initialisation

    def forward(self, query, key, value, key_padding_mask=None):
        """query (B, L_q, d), key and value (B, L_k, d), mask (B, L_k) True = padding
        -> (output (B, L_q, d), weights (B, heads, L_q, L_k))."""
        return super().forward(query, key, value, key_padding_mask=key_padding_mask, need_weights=True,
                               average_attn_weights=False)
''',
    },
    "head_weights": {
        "wrong": """def head_weights(scores, key_padding_mask=None):
    \"\"\"Softmax over the keys of (B, heads, L_q, L_k) scores; keys marked True in key_padding_mask (B, L_k) get weight 0.\"\"\"
    scores = torch.as_tensor(scores)
    if key_padding_mask is None:
        return torch.softmax(scores, dim=-1)
    real = torch.as_tensor(key_padding_mask, dtype=torch.bool)
    if tuple(real.shape) != (scores.shape[0], scores.shape[-1]):
        raise ValueError("mask shape")
    return torch.softmax(scores.masked_fill(~real[:, None, None, :], float("-inf")), dim=-1)   # True read as REAL
""",
        "why": "reads the mask with the opposite convention (True = a real key, as F.scaled_dot_product_attention does), "
               "so the real keys are hidden and the padding attended to",
        "alternative": """def head_weights(scores, key_padding_mask=None):
    \"\"\"Softmax over the keys of (B, heads, L_q, L_k) scores; keys marked True in key_padding_mask (B, L_k) get weight 0.\"\"\"
    s = torch.as_tensor(scores)
    if key_padding_mask is None:
        return s.softmax(-1)
    hide = torch.as_tensor(key_padding_mask).bool()
    if hide.dim() != 2 or hide.shape[0] != s.shape[0] or hide.shape[1] != s.shape[-1]:
        raise ValueError("key_padding_mask must be (batch, L_k)")
    keep = (~hide).reshape(hide.shape[0], 1, 1, hide.shape[1]).expand_as(s)
    top = torch.where(keep, s, torch.full_like(s, -float("inf"))).amax(dim=-1, keepdim=True)
    e = torch.where(keep, torch.exp(s - top), torch.zeros_like(s))
    return e / e.sum(dim=-1, keepdim=True)
""",
    },
    "cross_attention": {
        "wrong": '''class CrossAttention(nn.Module):
    """Target positions (queries) attend to a padded source (keys and values) with your MultiHeadAttention."""

    def __init__(self, d_model, num_heads):
        super().__init__()
        self.attention = MultiHeadAttention(d_model, num_heads)

    def forward(self, target, source, source_lengths):
        """target (B, T, d), source (B, S, d), source_lengths (B,) -> (output (B, T, d), weights (B, heads, T, S))."""
        lengths = torch.as_tensor(source_lengths)
        mask = torch.arange(source.shape[1]) < lengths[:, None]  # True at the real tokens
        return self.attention(target, source, source, key_padding_mask=mask)
''',
        "why": "builds the mask True at the real tokens, the opposite of key_padding_mask's convention (True = padding)",
        "alternative": '''class CrossAttention(nn.Module):
    """Target positions (queries) attend to a padded source (keys and values) with your MultiHeadAttention."""

    def __init__(self, d_model, num_heads):
        super().__init__()
        self.attention = MultiHeadAttention(d_model, num_heads)

    def forward(self, target, source, source_lengths):
        """target (B, T, d), source (B, S, d), source_lengths (B,) -> (output (B, T, d), weights (B, heads, T, S))."""
        batch, source_len = source.shape[0], source.shape[1]
        lengths = torch.as_tensor(source_lengths).to(device=source.device, dtype=torch.long).reshape(batch, 1)
        positions = torch.arange(source_len, device=source.device).expand(batch, source_len)
        is_padding = positions.ge(lengths)  # (B, S)
        output, weights = self.attention(query=target, key=source, value=source, key_padding_mask=is_padding)
        return output, weights
''',
    },
    "attention_cost": {
        "wrong": '''def attention_cost(d_model, num_heads, q_len, k_len, bias=True):
    """Parameters, multiply-adds of the matrix products and attention-weight entries of one forward pass."""
    if d_model % num_heads != 0:
        raise ValueError("d_model must be divisible by num_heads")
    d_head = d_model // num_heads
    parameters = 4 * d_model * d_model + (4 * d_model if bias else 0)
    projections = 4 * q_len * d_model * d_model  # four projections of the sequence
    attention = num_heads * 2 * q_len * k_len * d_head
    return {"parameters": parameters, "multiply_adds": projections + attention,
            "attention_weights": num_heads * q_len * k_len}
''',
        "why": "counts all four projections with q_len rows: keys and values have k_len rows",
        "alternative": '''def attention_cost(d_model, num_heads, q_len, k_len, bias=True):
    """Parameters, multiply-adds of the matrix products and attention-weight entries of one forward pass."""
    _, remainder = divmod(d_model, num_heads)
    if remainder:
        raise ValueError(f"num_heads = {num_heads} does not divide d_model = {d_model}")
    weight_matrices = 4 * d_model ** 2
    biases = 4 * d_model if bias else 0
    query_side = 2 * q_len * d_model ** 2  # query projection and output projection
    key_side = 2 * k_len * d_model ** 2  # key and value projections
    scores_and_mixing = 2 * q_len * k_len * d_model  # summed over the heads: d_head * num_heads = d_model
    return dict(parameters=int(weight_matrices + biases),
                multiply_adds=int(query_side + key_side + scores_and_mixing),
                attention_weights=int(q_len * k_len * num_heads))
''',
    },
    "quiz": {
        "wrong": """quiz_generator = torch.Generator().manual_seed(4)
quiz_target, quiz_source = torch.randn(3, 7, 8, generator=quiz_generator), torch.randn(3, 4, 8, generator=quiz_generator)
quiz_lengths = [4, 2, 3]
scale_layer = MultiHeadAttention(64, 16, bias=False)
with torch.no_grad():
    scale_layer.in_proj_weight.zero_()
    scale_layer.in_proj_weight[0, 0] = 2.0        # head 0's query reads input coordinate 0
    scale_layer.in_proj_weight[64, 1] = 3.0       # head 0's key reads input coordinate 1
    scale_layer.out_proj.weight.copy_(torch.eye(64))
scale_tokens = torch.eye(64)[:2].unsqueeze(0)     # (1, 2, 64): token 0 = e_0, token 1 = e_1
# Set the six variables below.
predicted_layer_parameters = 4 * 24 * 24 + 4 * 24
predicted_weight_count = 3 * 7 * 4                      # forgets the heads axis
predicted_head_weight = 1 / (1 + math.exp(-6 / 8))      # divides by sqrt(d_model) = 8
measured_layer_parameters = sum(p.numel() for p in MultiHeadAttention(24, 6).parameters())
measured_weight_count = CrossAttention(8, 2)(quiz_target, quiz_source, quiz_lengths)[1].numel()
measured_head_weight = scale_layer(scale_tokens, scale_tokens, scale_tokens)[1][0, 0, 0, 1].item()
""",
        "why": "predicts the weights without their heads axis and the score scaled by sqrt(d_model) instead of sqrt(d_head) "
               "(the measurements are right)",
        "alternative": """quiz_generator = torch.Generator().manual_seed(4)
quiz_target, quiz_source = torch.randn(3, 7, 8, generator=quiz_generator), torch.randn(3, 4, 8, generator=quiz_generator)
quiz_lengths = [4, 2, 3]
scale_layer = MultiHeadAttention(64, 16, bias=False)
with torch.no_grad():
    scale_layer.in_proj_weight.zero_()
    scale_layer.in_proj_weight[0, 0] = 2.0        # head 0's query reads input coordinate 0
    scale_layer.in_proj_weight[64, 1] = 3.0       # head 0's key reads input coordinate 1
    scale_layer.out_proj.weight.copy_(torch.eye(64))
scale_tokens = torch.eye(64)[:2].unsqueeze(0)     # (1, 2, 64): token 0 = e_0, token 1 = e_1
# Set the six variables below.
predicted_layer_parameters = 2400
predicted_weight_count = 168
predicted_head_weight = math.exp(3) / (math.exp(3) + math.exp(0))
measured_layer_parameters = int(sum(w.numel() for _, w in MultiHeadAttention(24, 6).named_parameters()))
_, cross_weights = CrossAttention(8, 2)(quiz_target, quiz_source, torch.tensor(quiz_lengths))
measured_weight_count = int(cross_weights.numel())
all_weights = scale_layer(scale_tokens, scale_tokens, scale_tokens)[1]
measured_head_weight = float(all_weights[0][0][0][1])
""",
    },
}
