"""Answer bank of week05_transformer_architectures day05_comparing_architectures: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "last_token_pool": {
        "wrong": '''def last_token_pool(hidden_states, attention_mask):
    """The vector of the last real token of every row: (B, L, d) and a (B, L) mask -> (B, d)."""
    hidden_states = torch.as_tensor(hidden_states)
    lengths = torch.as_tensor(attention_mask).to(torch.long).sum(dim=1)    # number of real tokens
    return hidden_states[torch.arange(hidden_states.shape[0]), lengths - 1]  # right padding assumed
''',
        "why": "takes position (number of real tokens - 1), which is right only for right-padded rows",
        "alternative": '''def last_token_pool(hidden_states, attention_mask):
    """The vector of the last real token of every row: (B, L, d) and a (B, L) mask -> (B, d)."""
    states = torch.as_tensor(hidden_states)
    mask = torch.as_tensor(attention_mask).bool()
    rows = []
    for row in range(states.shape[0]):
        real_positions = torch.nonzero(mask[row]).flatten()
        rows.append(states[row, int(real_positions.max())])
    return torch.stack(rows)
''',
    },
    "bert_parameter_count": {
        "wrong": '''def bert_parameter_count(config):
    """The number of parameters of BertForSequenceClassification(BertConfig(**config)), by formula: an int."""
    d, f = config["hidden_size"], config["intermediate_size"]
    embeddings = (config["vocab_size"] + config["max_position_embeddings"] + config["type_vocab_size"]) * d + 2 * d
    layer = 4 * (d * d + d) + 2 * d + (d * f + f) + (f * d + d) + 2 * d
    classifier = d * config["num_labels"] + config["num_labels"]
    return embeddings + config["num_hidden_layers"] * layer + classifier  # the pooler is forgotten
''',
        "why": "forgets the pooler (a d x d dense layer with bias) between the [CLS] vector and the classifier",
        "alternative": '''def bert_parameter_count(config):
    """The number of parameters of BertForSequenceClassification(BertConfig(**config)), by formula: an int."""
    def linear(n_in, n_out):
        return n_in * n_out + n_out

    d = config["hidden_size"]
    total = sum(rows * d for rows in (config["vocab_size"], config["max_position_embeddings"], config["type_vocab_size"]))
    total += 2 * d
    for _ in range(config["num_hidden_layers"]):
        total += 4 * linear(d, d) + 2 * d
        total += linear(d, config["intermediate_size"]) + linear(config["intermediate_size"], d) + 2 * d
    return int(total + linear(d, d) + linear(d, config["num_labels"]))
''',
        "denied": '''def bert_parameter_count(config):
    """The number of parameters of BertForSequenceClassification(BertConfig(**config)), by formula: an int."""
    with torch.device("meta"):
        model = BertForSequenceClassification(BertConfig(**config))
    return int(model.num_parameters())
''',
    },
    "t5_parameter_count": {
        "wrong": '''def t5_parameter_count(config):
    """The number of parameters of T5ForConditionalGeneration(T5Config(**config)), by formula: an int."""
    d, inner, f = config["d_model"], config["num_heads"] * config["d_kv"], config["d_ff"]
    attention = 4 * d * inner
    feed_forward = (3 if config["feed_forward_proj"].startswith("gated") else 2) * d * f
    relative_bias = config["relative_attention_num_buckets"] * config["num_heads"]
    encoder = config["num_layers"] * (attention + relative_bias + feed_forward + 2 * d) + d   # a bias table in every layer
    decoder = config["num_decoder_layers"] * (2 * attention + relative_bias + feed_forward + 3 * d) + d
    return int(config["vocab_size"] * d + encoder + decoder)
''',
        "why": "gives every layer its own relative position bias table; only the first layer of each stack has one",
        "alternative": '''def t5_parameter_count(config):
    """The number of parameters of T5ForConditionalGeneration(T5Config(**config)), by formula: an int."""
    d = config["d_model"]
    projection = d * config["num_heads"] * config["d_kv"]
    matrices_in = 2 if "gated" in config["feed_forward_proj"] else 1
    ffn = (matrices_in + 1) * d * config["d_ff"]
    bias_table = config["relative_attention_num_buckets"] * config["num_heads"]
    count = config["vocab_size"] * d
    for layer in range(config["num_layers"]):
        count += 4 * projection + d + ffn + d + (bias_table if layer == 0 else 0)
    count += d
    for layer in range(config["num_decoder_layers"]):
        count += 4 * projection + d + 4 * projection + d + ffn + d + (bias_table if layer == 0 else 0)
    count += d
    return count
''',
        "denied": '''def t5_parameter_count(config):
    """The number of parameters of T5ForConditionalGeneration(T5Config(**config)), by formula: an int."""
    with torch.device("meta"):
        model = T5ForConditionalGeneration(T5Config(**config))
    return sum(parameter.numel() for parameter in model.parameters())
''',
    },
    "gpt2_parameter_count": {
        "wrong": '''def gpt2_parameter_count(config):
    """The number of parameters of GPT2LMHeadModel(GPT2Config(**config)), by formula: an int."""
    d = config["n_embd"]
    f = config["n_inner"] if config["n_inner"] is not None else 4 * d
    embeddings = config["vocab_size"] * d                 # the tie is handled, but the position table is dropped
    layer = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * f + f) + (f * d + d)
    lm_head = 0 if config.get("tie_word_embeddings", True) else config["vocab_size"] * d
    return int(embeddings + config["n_layer"] * layer + 2 * d + lm_head)
''',
        "why": "fixes the tied output layer but drops GPT-2's learned position table wpe (n_positions x n_embd)",
        "alternative": '''def gpt2_parameter_count(config):
    """The number of parameters of GPT2LMHeadModel(GPT2Config(**config)), by formula: an int."""
    d, vocab = config["n_embd"], config["vocab_size"]
    hidden = config.get("n_inner") or 4 * d
    tied = config.get("tie_word_embeddings", True)
    per_layer = (2 * d) * 2 + (3 * d * d + 3 * d) + (d * d + d) + (d * hidden + hidden) + (hidden * d + d)
    return (vocab + config["n_positions"]) * d + config["n_layer"] * per_layer + 2 * d + (0 if tied else vocab * d)
''',
        "denied": '''def gpt2_parameter_count(config):
    """The number of parameters of GPT2LMHeadModel(GPT2Config(**config)), by formula: an int."""
    with torch.device("meta"):
        model = GPT2LMHeadModel(GPT2Config(**config))
    return int(model.num_parameters())
''',
    },
    "gpt2_forward_flops": {
        "wrong": '''def gpt2_forward_flops(config, seq_len, batch_size=1):
    """Forward FLOPs of GPT2LMHeadModel on (batch_size, seq_len) tokens: {"projections": int, "attention": int}."""
    d, layers, length = config["n_embd"], config["n_layer"], seq_len
    f = config["n_inner"] if config["n_inner"] is not None else 4 * d
    tokens = batch_size * length
    per_layer = 2 * tokens * d * (3 * d) + 2 * tokens * d * d + 2 * tokens * d * f + 2 * tokens * f * d
    projections = layers * per_layer + 2 * tokens * d * config["vocab_size"]
    attention = layers * batch_size * 2 * length * length * d    # only the scores Q K^T
    return {"projections": int(projections), "attention": int(attention)}
''',
        "why": "counts only one of attention's two products (the scores), forgetting the weighted values",
        "alternative": '''def gpt2_forward_flops(config, seq_len, batch_size=1):
    """Forward FLOPs of GPT2LMHeadModel on (batch_size, seq_len) tokens: {"projections": int, "attention": int}."""
    def matmul(m, k, n):
        return 2 * m * k * n

    d = config["n_embd"]
    f = config["n_inner"] or 4 * d
    rows = batch_size * seq_len
    head_size = d // config["n_head"] if d % config["n_head"] == 0 else None
    layer = matmul(rows, d, 3 * d) + matmul(rows, d, d) + matmul(rows, d, f) + matmul(rows, f, d)
    projections = config["n_layer"] * layer + matmul(rows, d, config["vocab_size"])
    per_sequence = matmul(seq_len, d, seq_len) + matmul(seq_len, seq_len, d)   # all heads together
    attention = config["n_layer"] * batch_size * per_sequence
    return dict(projections=projections, attention=attention)
''',
        "denied": '''def gpt2_forward_flops(config, seq_len, batch_size=1):
    """Forward FLOPs of GPT2LMHeadModel on (batch_size, seq_len) tokens: {"projections": int, "attention": int}."""
    with torch.device("meta"):
        model = GPT2LMHeadModel(GPT2Config(**config, attn_implementation="eager"))
    counter = FlopCounterMode(display=False)
    with counter:
        model(torch.zeros(batch_size, seq_len, dtype=torch.long, device="meta"))
    counts = {str(operation): int(count) for operation, count in counter.get_flop_counts()["Global"].items()}
    return {"projections": counts.get("aten.addmm", 0) + counts.get("aten.mm", 0), "attention": counts.get("aten.bmm", 0)}
''',
    },
    "quiz": {
        "wrong": '''gpt2_small = {"vocab_size": 50257, "n_embd": 768, "n_layer": 12, "n_head": 12, "n_inner": None, "n_positions": 1024}
# Set the six variables below (ratios and shares as Python floats, lengths as Python ints).
predicted_flops_ratio = 16.0                 # "attention is quadratic", forgetting the projections
predicted_attention_share = 0.8
predicted_crossover_length = 6 * 768         # 6d: forgets the output layer
measured_flops_ratio = float(gpt2_forward_flops(gpt2_small, 4096)["attention"] / gpt2_forward_flops(gpt2_small, 1024)["attention"])
measured_attention_share = float(gpt2_forward_flops(gpt2_small, 4096)["attention"] / gpt2_forward_flops(gpt2_small, 4096)["projections"])
measured_crossover_length = 6 * 768
''',
        "why": "treats the cost as purely quadratic (ratio of the attention parts only), divides attention by the projections "
               "instead of the total, and forgets the output layer in the crossover",
        "alternative": '''gpt2_small = {"vocab_size": 50257, "n_embd": 768, "n_layer": 12, "n_head": 12, "n_inner": None, "n_positions": 1024}
# Set the six variables below (ratios and shares as Python floats, lengths as Python ints).
per_token = 2 * 12 * 12 * 768 ** 2 + 2 * 768 * 50257
attention_per_token = lambda length: 4 * length * 768 * 12
predicted_flops_ratio = 4 * (per_token + attention_per_token(4096)) / (per_token + attention_per_token(1024))
predicted_attention_share = attention_per_token(4096) / (per_token + attention_per_token(4096))
predicted_crossover_length = int(6 * 768 + 50257 / 24) + 1
def _total(length):
    flops = gpt2_forward_flops(gpt2_small, length)
    return flops["projections"] + flops["attention"]
measured_flops_ratio = _total(4096) / _total(1024)
measured_attention_share = 1.0 - gpt2_forward_flops(gpt2_small, 4096)["projections"] / _total(4096)
def _crosses(length):
    flops = gpt2_forward_flops(gpt2_small, length)
    return flops["attention"] >= flops["projections"]
coarse = next(length for length in range(64, 100_000, 64) if _crosses(length))      # a step of 64, then of 1
measured_crossover_length = next(length for length in range(coarse - 63, coarse + 1) if _crosses(length))
''',
    },
}
