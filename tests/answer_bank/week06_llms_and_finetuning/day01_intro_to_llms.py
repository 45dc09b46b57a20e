"""Answer bank of week06_llms_and_finetuning day01_intro_to_llms: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "pretokenize": {
        "wrong": '''def pretokenize(text):
    """GPT-2's pre-tokens of `text`, every UTF-8 byte written as its printable stand-in: a list of str."""
    table = bpe.byte_to_unicode()
    return ["".join(table.get(ord(character), character) for character in piece)   # characters, not bytes
            for piece in regex.findall(bpe.SPLIT_PATTERN, text)]
''',
        "why": "maps characters instead of UTF-8 bytes, so 'é' stays one symbol instead of the two byte symbols 'Ã©'",
        "alternative": '''def pretokenize(text):
    """GPT-2's pre-tokens of `text`, every UTF-8 byte written as its printable stand-in: a list of str."""
    table = bpe.byte_to_unicode()
    result = []
    for match in regex.finditer(bpe.SPLIT_PATTERN, text):
        symbols = []
        for value in bytes(match.group(0), encoding="utf-8"):
            symbols.append(table[value])
        result.append("".join(symbols))
    return result
''',
        "denied": '''def pretokenize(text):
    """GPT-2's pre-tokens of `text`, every UTF-8 byte written as its printable stand-in: a list of str."""
    from tokenizers import pre_tokenizers

    return [piece for piece, _ in pre_tokenizers.ByteLevel(add_prefix_space=False).pre_tokenize_str(text)]
''',
    },
    "train_bpe": {
        "wrong": '''def train_bpe(word_counts, vocab_size, min_frequency=0):
    """Byte-level BPE merges learned from {pre-token: count}: a list of (left, right) tuples, in the order learned."""
    vocabulary = set(bpe.byte_to_unicode().values())
    words = {tuple(word): count for word, count in word_counts.items()}
    merges = []
    while len(vocabulary) < vocab_size:
        pairs = Counter()
        for symbols, count in words.items():
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        best = max(pairs, key=pairs.get)              # a tie goes to whichever pair was counted first
        if pairs[best] < max(1, min_frequency):
            break
        merges.append(best)
        vocabulary.add(best[0] + best[1])
        merged_words = {}
        for symbols, count in words.items():
            out, i = [], 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                    out.append(best[0] + best[1])
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            merged_words[tuple(out)] = merged_words.get(tuple(out), 0) + count
        words = merged_words
    return merges
''',
        "why": "breaks ties by the order in which pairs were first counted instead of the smallest (left id, right id)",
        "alternative": '''def train_bpe(word_counts, vocab_size, min_frequency=0):
    """Byte-level BPE merges learned from {pre-token: count}: a list of (left, right) tuples, in the order learned."""
    ids = {}
    for symbol in sorted(bpe.byte_to_unicode().values()):
        ids[symbol] = len(ids)
    corpus = [(list(word), count) for word, count in word_counts.items()]
    merges = []
    while len(ids) < vocab_size:
        counts = {}
        for symbols, count in corpus:
            for i in range(len(symbols) - 1):
                key = (symbols[i], symbols[i + 1])
                counts[key] = counts.get(key, 0) + count
        if not counts:
            break
        best = sorted(counts, key=lambda key: (-counts[key], ids[key[0]], ids[key[1]]))[0]
        if counts[best] < 1 or counts[best] < min_frequency:
            break
        merges.append(best)
        new = best[0] + best[1]
        if new not in ids:
            ids[new] = len(ids)
        for symbols, _ in corpus:
            i = 0
            while i < len(symbols) - 1:
                if symbols[i] == best[0] and symbols[i + 1] == best[1]:
                    symbols[i:i + 2] = [new]
                i += 1
    return merges
''',
        "denied": '''def train_bpe(word_counts, vocab_size, min_frequency=0):
    """Byte-level BPE merges learned from {pre-token: count}: a list of (left, right) tuples, in the order learned."""
    to_byte = {character: byte for byte, character in bpe.byte_to_unicode().items()}
    texts = []
    for word, count in word_counts.items():
        texts += [bytes(to_byte[character] for character in word).decode("utf-8", errors="replace")] * count
    return bpe.merges_of(bpe.library_bpe(texts, vocab_size, min_frequency))
''',
    },
    "bpe_encode_word": {
        "wrong": '''def bpe_encode_word(word, merges):
    """Split one byte-level pre-token into tokens with learned `merges`: a list of str."""
    known = {tuple(pair) for pair in merges}
    symbols = list(word)
    merged = True
    while merged:
        merged = False
        for i in range(len(symbols) - 1):
            if (symbols[i], symbols[i + 1]) in known:    # the leftmost known pair, whatever its rank
                symbols[i:i + 2] = [symbols[i] + symbols[i + 1]]
                merged = True
                break
    return symbols
''',
        "why": "merges the leftmost pair that is a merge instead of the pair learned earliest",
        "alternative": '''def bpe_encode_word(word, merges):
    """Split one byte-level pre-token into tokens with learned `merges`: a list of str."""
    tokens = [character for character in word]
    for left, right in merges:                  # in rank order: a later merge never creates an earlier pair
        if len(tokens) < 2:
            break
        out, i = [], 0
        while i < len(tokens):
            if i < len(tokens) - 1 and tokens[i] == left and tokens[i + 1] == right:
                out.append(left + right)
                i += 2
            else:
                out.append(tokens[i])
                i += 1
        tokens = out
    return tokens
''',
        "denied": '''def bpe_encode_word(word, merges):
    """Split one byte-level pre-token into tokens with learned `merges`: a list of str."""
    from tokenizers import models

    vocabulary = {symbol: index for index, symbol in enumerate(sorted(bpe.byte_to_unicode().values()))}
    for left, right in merges:
        vocabulary.setdefault(left + right, len(vocabulary))
    for character in word:
        vocabulary.setdefault(character, len(vocabulary))
    model = models.BPE(vocab=vocabulary, merges=[tuple(pair) for pair in merges])
    return [token.value for token in model.tokenize(word)] if word else []
''',
    },
    "llama_parameter_count": {
        "wrong": '''def llama_parameter_count(config):
    """num_parameters() of LlamaForCausalLM(LlamaConfig(**config)), computed from the config: a Python int."""
    d, f, V = config["hidden_size"], config["intermediate_size"], config["vocab_size"]
    H = config["num_attention_heads"]
    head = config.get("head_dim") or d // H
    attention = 4 * d * H * head                  # k and v as wide as q: grouped-query attention ignored
    if config.get("attention_bias"):
        attention += 3 * H * head + d
    mlp = 3 * d * f + ((2 * f + d) if config.get("mlp_bias") else 0)
    total = V * d + config["num_hidden_layers"] * (attention + mlp + 2 * d) + d
    return int(total if config.get("tie_word_embeddings") else total + V * d)
''',
        "why": "gives the key and value projections H heads instead of num_key_value_heads (ignores grouped-query attention)",
        "alternative": '''def llama_parameter_count(config):
    """num_parameters() of LlamaForCausalLM(LlamaConfig(**config)), computed from the config: a Python int."""
    d = config["hidden_size"]
    n_heads = config["num_attention_heads"]
    n_kv = config["num_key_value_heads"] if config.get("num_key_value_heads") is not None else n_heads
    d_head = config["head_dim"] if config.get("head_dim") is not None else d // n_heads
    shapes = [(d, n_heads * d_head), (d, n_kv * d_head), (d, n_kv * d_head), (n_heads * d_head, d),
              (d, config["intermediate_size"]), (d, config["intermediate_size"]), (config["intermediate_size"], d)]
    layer = sum(rows * columns for rows, columns in shapes) + d + d
    if config.get("attention_bias") is True:
        layer += sum(columns for _, columns in shapes[:4])
    if config.get("mlp_bias") is True:
        layer += sum(columns for _, columns in shapes[4:])
    tables = 1 if config.get("tie_word_embeddings") is True else 2
    return tables * config["vocab_size"] * d + config["num_hidden_layers"] * layer + d
''',
        "denied": '''def llama_parameter_count(config):
    """num_parameters() of LlamaForCausalLM(LlamaConfig(**config)), computed from the config: a Python int."""
    from transformers import LlamaConfig, LlamaForCausalLM

    with torch.device("meta"):
        return int(LlamaForCausalLM(LlamaConfig(**config)).num_parameters())
''',
    },
    "weight_memory_bytes": {
        "wrong": '''def weight_memory_bytes(num_parameters, dtype, block_size=32):
    """Bytes to store num_parameters weights as fp32, bf16, or int8/int4 with a float16 scale per block: a Python int."""
    bits = {"fp32": 32, "bf16": 16, "int8": 8, "int4": 4}
    if dtype not in bits or num_parameters < 0 or block_size < 1:
        raise ValueError("bad arguments")
    return math.ceil(num_parameters * bits[dtype] / 8)      # forgets the scales of the blocks
''',
        "why": "leaves out the 2-byte scale of every block, so int8 and int4 come out 2 bytes per block too small",
        "alternative": '''def weight_memory_bytes(num_parameters, dtype, block_size=32):
    """Bytes to store num_parameters weights as fp32, bf16, or int8/int4 with a float16 scale per block: a Python int."""
    if block_size < 1 or num_parameters < 0:
        raise ValueError("negative size or empty blocks")
    plain = {"fp32": 4, "bf16": 2}
    if dtype in plain:
        return plain[dtype] * num_parameters
    if dtype == "int8":
        code_bytes = num_parameters
    elif dtype == "int4":
        code_bytes = math.ceil(num_parameters / 2)
    else:
        raise ValueError(dtype)
    return code_bytes + 2 * math.ceil(num_parameters / block_size)
''',
    },
    "chinchilla_optimal": {
        "wrong": '''def chinchilla_optimal(compute_flops, tokens_per_parameter=20):
    """(parameters, tokens) with 6 * parameters * tokens = compute_flops and tokens = r * parameters: two floats."""
    if compute_flops <= 0 or tokens_per_parameter <= 0:
        raise ValueError("must be positive")
    parameters = math.sqrt(compute_flops / tokens_per_parameter)   # forgets the 6 of C = 6 N D
    return float(parameters), float(tokens_per_parameter * parameters)
''',
        "why": "solves C = N D instead of C = 6 N D, so the model and the data come out sqrt(6) times too large",
        "alternative": '''def chinchilla_optimal(compute_flops, tokens_per_parameter=20):
    """(parameters, tokens) with 6 * parameters * tokens = compute_flops and tokens = r * parameters: two floats."""
    if compute_flops <= 0 or tokens_per_parameter <= 0:
        raise ValueError("need a positive budget and ratio")
    tokens = (compute_flops * tokens_per_parameter / 6) ** 0.5
    return (compute_flops / (6 * tokens), tokens)
''',
    },
    "quiz": {
        "wrong": '''from transformers import LlamaConfig, LlamaForCausalLM

smollm2_config = {"vocab_size": 49152, "hidden_size": 576, "intermediate_size": 1536, "num_hidden_layers": 30,
                  "num_attention_heads": 9, "num_key_value_heads": 3, "head_dim": 64, "tie_word_embeddings": True}
quiz_counts = {"Ġlow": 5, "Ġlower": 2, "Ġnewest": 6, "Ġwidest": 3}
predicted_cafe_symbols = 4                      # one per character
predicted_bf16_megabytes = 134_515_008 * 4 / 1e6
predicted_first_merges = [("e", "s"), ("es", "t"), ("Ġ", "l")]
measured_cafe_symbols = len("café")
measured_bf16_megabytes = 134_515_008 * 2 / 1e6 + 28.3
measured_first_merges = [("e", "s"), ("es", "t"), ("Ġ", "l")]
''',
        "why": "counts characters instead of bytes, fp32 instead of bf16 bytes, counts the tied table twice, and breaks the tie at 7 by reading order",
        "alternative": '''from transformers import LlamaConfig, LlamaForCausalLM

smollm2_config = {"vocab_size": 49152, "hidden_size": 576, "intermediate_size": 1536, "num_hidden_layers": 30,
                  "num_attention_heads": 9, "num_key_value_heads": 3, "head_dim": 64, "tie_word_embeddings": True}
quiz_counts = {"Ġlow": 5, "Ġlower": 2, "Ġnewest": 6, "Ġwidest": 3}
predicted_cafe_symbols = len("café".encode("utf-8"))
predicted_bf16_megabytes = 269.0
predicted_first_merges = [("e", "s"), ("es", "t"), ("l", "o")]
measured_cafe_symbols = int(sum(len(piece) for piece in pretokenize("café")))
with torch.device("meta"):
    _model = LlamaForCausalLM(LlamaConfig(**smollm2_config))
_model = _model.to(dtype=torch.bfloat16)
measured_bf16_megabytes = float(sum(tensor.numel() * tensor.element_size() for tensor in _model.parameters())) / 10**6
measured_first_merges = list(train_bpe(dict(quiz_counts), 259))
''',
    },
}
