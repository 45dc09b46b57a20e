"""Answer bank of week06_llms_and_finetuning day04_finetuning_llms: a plausible wrong answer, a correct alternative
and, where the checks deny a library call, an answer that makes it, per exercise."""

BANK = {
    "render_chat": {
        "wrong": '''def render_chat(messages, add_generation_prompt=False):
    """The conversation as the string SmolLM2-Instruct was trained on (its chat template, in Python)."""
    if not messages:
        raise ValueError("empty conversation")
    text = "<|im_start|>system\\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\\n"
    for message in messages:                       # ALWAYS adds the default system turn, even before a system message
        text += "<|im_start|>" + message["role"] + "\\n" + message["content"] + "<|im_end|>\\n"
    if add_generation_prompt:
        text += "<|im_start|>assistant\\n"
    return text
''',
        "why": "inserts the default system turn even when the conversation starts with its own system message, "
               "so the model sees two system turns",
        "alternative": '''def render_chat(messages, add_generation_prompt=False):
    """The conversation as the string SmolLM2-Instruct was trained on (its chat template, in Python)."""
    if not len(messages):
        raise ValueError("nothing to render")
    def turn(role, content):
        return "<|im_start|>%s\\n%s<|im_end|>\\n" % (role, content)
    head = "" if messages[0]["role"] == "system" else turn(
        "system", "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
    body = "".join(turn(m["role"], m["content"]) for m in messages)
    tail = "<|im_start|>assistant\\n" if add_generation_prompt else ""
    return head + body + tail
''',
        "denied": '''_chat_tokenizer = pretrained.smollm2_tokenizer()


def render_chat(messages, add_generation_prompt=False):
    """The conversation as the string SmolLM2-Instruct was trained on (its chat template, in Python)."""
    return _chat_tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=add_generation_prompt)
''',
    },
    "build_example": {
        "wrong": '''def build_example(prompt_ids, response_ids, max_length, pad_id):
    """(input_ids, labels, attention_mask), each a torch.long tensor of shape (max_length,); labels -100 off the response."""
    prompt, response = list(map(int, prompt_ids)), list(map(int, response_ids))
    if not response or len(prompt) >= max_length:
        raise ValueError("no room for the response")
    ids = (prompt + response)[:max_length]
    real = len(ids)
    ids = ids + [pad_id] * (max_length - real)
    labels = [-100] * len(prompt) + ids[len(prompt):]        # the padding keeps its pad id as a label
    mask = [1] * real + [0] * (max_length - real)
    return torch.tensor(ids), torch.tensor(labels), torch.tensor(mask)
''',
        "why": "leaves the pad id as the label of the padding positions, so the model is trained to predict padding",
        "alternative": '''def build_example(prompt_ids, response_ids, max_length, pad_id):
    """(input_ids, labels, attention_mask), each a torch.long tensor of shape (max_length,); labels -100 off the response."""
    prompt = np.asarray(prompt_ids, dtype=np.int64).reshape(-1)
    response = np.asarray(response_ids, dtype=np.int64).reshape(-1)
    if response.size == 0:
        raise ValueError("empty response")
    if prompt.size >= max_length:
        raise ValueError("the prompt fills the whole example")
    input_ids = np.full(max_length, pad_id, dtype=np.int64)
    labels = np.full(max_length, -100, dtype=np.int64)
    mask = np.zeros(max_length, dtype=np.int64)
    room = min(response.size, max_length - prompt.size)
    input_ids[:prompt.size] = prompt
    input_ids[prompt.size:prompt.size + room] = response[:room]
    labels[prompt.size:prompt.size + room] = response[:room]
    mask[:prompt.size + room] = 1
    return tuple(torch.from_numpy(a) for a in (input_ids, labels, mask))
''',
    },
    "response_loss": {
        "wrong": '''def response_loss(logits, labels):
    """Mean cross-entropy of the scored tokens: logits (batch, seq, vocab), labels (batch, seq), -100 where not scored."""
    logits, labels = torch.as_tensor(logits), torch.as_tensor(labels).long()
    vocab_size = logits.shape[-1]
    # shifted the wrong way: the logits at t + 1 "predict" the label at t
    return F.cross_entropy(logits[:, 1:].reshape(-1, vocab_size), labels[:, :-1].reshape(-1), ignore_index=-100)
''',
        "why": "shifts in the wrong direction (logits at t + 1 paired with the label at t), so every token is "
               "'predicted' by a position that has already read it",
        "alternative": '''def response_loss(logits, labels):
    """Mean cross-entropy of the scored tokens: logits (batch, seq, vocab), labels (batch, seq), -100 where not scored."""
    logits = torch.as_tensor(logits)
    labels = torch.as_tensor(labels).to(torch.long)
    log_probabilities = torch.log_softmax(logits[:, :-1], dim=-1)        # (B, T - 1, V)
    targets = labels[:, 1:]
    scored = targets != -100
    picked = log_probabilities.gather(-1, targets.clamp(min=0).unsqueeze(-1)).squeeze(-1)
    return -(picked * scored).sum() / scored.sum()
''',
        "denied": '''def response_loss(logits, labels):
    """Mean cross-entropy of the scored tokens: logits (batch, seq, vocab), labels (batch, seq), -100 where not scored."""
    from transformers.loss.loss_utils import ForCausalLMLoss

    logits, labels = torch.as_tensor(logits), torch.as_tensor(labels).long()
    return ForCausalLMLoss(logits, labels, vocab_size=logits.shape[-1]).to(logits.dtype)
''',
    },
    "LoRALinear": {
        "wrong": '''class LoRALinear(nn.Module):
    """A frozen nn.Linear or GPT-2 Conv1D plus a trainable low-rank update (alpha / rank) * B A."""

    def __init__(self, base, rank, alpha):
        super().__init__()
        if rank < 1:
            raise ValueError("rank >= 1")
        if not isinstance(base, (nn.Linear, Conv1D)):
            raise TypeError("Linear or Conv1D only")
        self.conv = isinstance(base, Conv1D)
        d_in, d_out = base.weight.shape if self.conv else base.weight.shape[::-1]
        self.base = base.requires_grad_(False)
        self.lora_A = nn.Parameter(torch.empty(rank, d_in))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.lora_B = nn.Parameter(torch.zeros(d_out, rank))
        self.scaling = rank / alpha                    # inverted: r / alpha
        self.merged = False

    def forward(self, x):
        out = self.base(x)
        return out if self.merged else out + self.scaling * (x @ self.lora_A.T) @ self.lora_B.T

    def merge(self):
        if not self.merged:
            delta = self.scaling * self.lora_B @ self.lora_A
            with torch.no_grad():
                self.base.weight += delta.T if self.conv else delta
            self.merged = True

    def unmerge(self):
        if self.merged:
            delta = self.scaling * self.lora_B @ self.lora_A
            with torch.no_grad():
                self.base.weight -= delta.T if self.conv else delta
            self.merged = False
''',
        "why": "writes the scaling as rank / alpha instead of alpha / rank, so the update is too small "
               "(or too large) by a factor (alpha / rank) squared",
        "alternative": '''class LoRALinear(nn.Module):
    """A frozen nn.Linear or GPT-2 Conv1D plus a trainable low-rank update (alpha / rank) * B A."""

    def __init__(self, base, rank, alpha):
        super().__init__()
        if type(base) not in (nn.Linear, Conv1D) and not isinstance(base, (nn.Linear, Conv1D)):
            raise TypeError("unsupported layer")
        if int(rank) <= 0:
            raise ValueError("the rank must be positive")
        self.fan_in_fan_out = isinstance(base, Conv1D)
        weight = base.weight
        d_in = weight.shape[0] if self.fan_in_fan_out else weight.shape[1]
        d_out = weight.shape[1] if self.fan_in_fan_out else weight.shape[0]
        for p in base.parameters():
            p.requires_grad = False
        self.base = base
        bound = 1.0 / math.sqrt(d_in)
        self.lora_A = nn.Parameter(torch.empty(rank, d_in, dtype=weight.dtype, device=weight.device).uniform_(-bound, bound))
        self.lora_B = nn.Parameter(torch.zeros(d_out, rank, dtype=weight.dtype, device=weight.device))
        self.scaling = float(alpha) / float(rank)
        self._is_merged = False

    def _delta(self):
        delta = torch.einsum("or,ri->oi", self.lora_B, self.lora_A) * self.scaling
        return delta.T if self.fan_in_fan_out else delta

    def forward(self, x):
        if self._is_merged:
            return self.base(x)
        low = torch.nn.functional.linear(x, self.lora_A)
        return self.base(x) + torch.nn.functional.linear(low, self.lora_B) * self.scaling

    def merge(self):
        if not self._is_merged:
            with torch.no_grad():
                self.base.weight.add_(self._delta())
            self._is_merged = True

    def unmerge(self):
        if self._is_merged:
            with torch.no_grad():
                self.base.weight.sub_(self._delta())
            self._is_merged = False
''',
    },
    "add_lora": {
        "wrong": '''def add_lora(model, rank, alpha, target_modules):
    """Freeze the model and wrap every nn.Linear/Conv1D named in target_modules in a LoRALinear; return the model."""
    names = [name for name, module in model.named_modules()
             if name.split(".")[-1] in target_modules and isinstance(module, (nn.Linear, Conv1D))]
    if not names:
        raise ValueError("nothing to adapt")
    for name in names:                                # only the wrapped layers get frozen (by LoRALinear)
        parent, _, child = name.rpartition(".")
        holder = model.get_submodule(parent)
        setattr(holder, child, LoRALinear(getattr(holder, child), rank, alpha))
    return model
''',
        "why": "does not freeze the rest of the model: embeddings, layer norms and the untargeted layers still "
               "train, which is full fine-tuning plus adapters",
        "alternative": '''def add_lora(model, rank, alpha, target_modules):
    """Freeze the model and wrap every nn.Linear/Conv1D named in target_modules in a LoRALinear; return the model."""
    model.requires_grad_(False)
    wanted = set(target_modules)
    replaced = 0

    def visit(module):
        nonlocal replaced
        for child_name, child in list(module.named_children()):
            if child_name in wanted and isinstance(child, (nn.Linear, Conv1D)):
                module.add_module(child_name, LoRALinear(child, rank, alpha))
                replaced += 1
            else:
                visit(child)

    visit(model)
    if replaced == 0:
        raise ValueError("no target module found")
    return model
''',
        "denied": '''def add_lora(model, rank, alpha, target_modules):
    """Freeze the model and wrap every nn.Linear/Conv1D named in target_modules in a LoRALinear; return the model."""
    config = peft.LoraConfig(r=rank, lora_alpha=alpha, target_modules=list(target_modules), lora_dropout=0.0,
                             fan_in_fan_out=True)
    return peft.get_peft_model(model, config)
''',
    },
    "nf4_quantize": {
        "wrong": '''def nf4_quantize(weights, block_size=64):
    """(codes uint8 (numel,), absmax float32 (blocks,)): block-wise absmax scaling, then the nearest NF4 value."""
    flat = torch.as_tensor(weights).float().reshape(-1)
    if flat.numel() == 0 or block_size < 1:
        raise ValueError("bad input")
    blocks = -(-flat.numel() // block_size)
    scale = flat.abs().max()                              # ONE absmax for the whole tensor
    absmax = scale.repeat(blocks)
    normalised = flat / scale if scale > 0 else flat
    codes = (normalised[:, None] - NF4_CODE_BOOK).abs().argmin(dim=1)
    return codes.to(torch.uint8), absmax


def nf4_dequantize(codes, absmax, shape, block_size=64):
    """float32 weights of `shape`: each code's NF4 value times its block's absmax."""
    codes = torch.as_tensor(codes).long().reshape(-1)
    scales = torch.as_tensor(absmax).float().repeat_interleave(block_size)[: codes.numel()]
    return (NF4_CODE_BOOK[codes] * scales).reshape(tuple(shape))
''',
        "why": "scales the whole tensor by one absmax instead of one per block, so a single outlier squeezes "
               "every other block into the few levels around zero",
        "alternative": '''def nf4_quantize(weights, block_size=64):
    """(codes uint8 (numel,), absmax float32 (blocks,)): block-wise absmax scaling, then the nearest NF4 value."""
    values = np.asarray(torch.as_tensor(weights).to(torch.float32).reshape(-1))
    if values.size == 0 or block_size < 1:
        raise ValueError("empty weights or block size < 1")
    book = NF4_CODE_BOOK.numpy()
    codes = np.empty(values.size, dtype=np.uint8)
    absmax = np.empty(-(-values.size // block_size), dtype=np.float32)
    for block, start in enumerate(range(0, values.size, block_size)):
        chunk = values[start:start + block_size]
        c = np.float32(np.abs(chunk).max())
        absmax[block] = c
        scaled = chunk / c if c > 0 else np.zeros_like(chunk)
        codes[start:start + block_size] = np.abs(scaled[:, None] - book[None, :]).argmin(axis=1)
    return torch.from_numpy(codes), torch.from_numpy(absmax)


def nf4_dequantize(codes, absmax, shape, block_size=64):
    """float32 weights of `shape`: each code's NF4 value times its block's absmax."""
    index = torch.as_tensor(np.asarray(codes, dtype=np.int64)).reshape(-1)
    per_value = torch.as_tensor(np.asarray(absmax, dtype=np.float32))[torch.arange(len(index)) // block_size]
    return (NF4_CODE_BOOK[index] * per_value).reshape([int(s) for s in shape])
''',
        "denied": '''def nf4_quantize(weights, block_size=64):
    """(codes uint8 (numel,), absmax float32 (blocks,)): block-wise absmax scaling, then the nearest NF4 value."""
    flat = torch.as_tensor(weights).to(torch.float32).reshape(-1)
    if flat.numel() == 0 or block_size < 1:
        raise ValueError("bad input")
    padded = F.pad(flat, (0, flat.numel() % 2))
    packed, state = bnb_functional.quantize_4bit(padded, blocksize=block_size, quant_type="nf4")
    packed = packed.reshape(-1)
    codes = torch.stack([packed >> 4, packed & 15], dim=1).reshape(-1)[: flat.numel()]
    return codes.to(torch.uint8), state.absmax.float()


def nf4_dequantize(codes, absmax, shape, block_size=64):
    """float32 weights of `shape`: each code's NF4 value times its block's absmax."""
    codes = torch.as_tensor(codes).long().reshape(-1)
    scales = torch.as_tensor(absmax).float().repeat_interleave(block_size)[: codes.numel()]
    return (NF4_CODE_BOOK[codes] * scales).reshape(tuple(shape))
''',
    },
    "double_quantize_absmax": {
        "wrong": '''def double_quantize_absmax(absmax, block_size=256):
    """(codes int8, scales float32 per block, offset float): the absmax constants minus their mean, int8 block-wise."""
    constants = torch.as_tensor(absmax).float().reshape(-1)
    if constants.numel() == 0 or block_size < 1:
        raise ValueError("bad input")
    offset = constants.mean()
    centred = constants - offset
    largest = centred.abs().max()                          # one scale for every block
    blocks = -(-constants.numel() // block_size)
    scales = largest.repeat(blocks)
    codes = torch.round(127 * centred / largest) if largest > 0 else torch.zeros_like(centred)
    return codes.to(torch.int8), scales, float(offset)


def bits_per_parameter(block_size=64, second_block_size=256, double_quantization=True):
    """Bits per weight of NF4 storage with fp32 block constants, or with double-quantised ones."""
    if double_quantization:
        return 4 + 8 / block_size + 32 / (block_size * second_block_size)
    return 4 + 32 / block_size
''',
        "why": "uses the largest deviation of all constants as the scale of every block instead of one scale per "
               "block of 256, which is not block-wise quantisation",
        "alternative": '''def double_quantize_absmax(absmax, block_size=256):
    """(codes int8, scales float32 per block, offset float): the absmax constants minus their mean, int8 block-wise."""
    constants = torch.as_tensor(absmax).to(torch.float32).flatten()
    if len(constants) == 0:
        raise ValueError("no constants")
    if block_size <= 0:
        raise ValueError("block_size must be positive")
    offset = constants.mean()
    codes, scales = [], []
    for start in range(0, len(constants), block_size):
        part = constants[start:start + block_size] - offset
        s = part.abs().max()
        scales.append(s)
        codes.append(torch.round(part * 127 / s) if s > 0 else torch.zeros_like(part))
    return torch.cat(codes).to(torch.int8), torch.stack(scales), offset.item()


def bits_per_parameter(block_size=64, second_block_size=256, double_quantization=True):
    """Bits per weight of NF4 storage with fp32 block constants, or with double-quantised ones."""
    constant_bits = 8 + 32 / second_block_size if double_quantization else 32
    return float(4 + constant_bits / block_size)
''',
        "denied": '''def double_quantize_absmax(absmax, block_size=256):
    """(codes int8, scales float32 per block, offset float): the absmax constants minus their mean, int8 block-wise."""
    constants = torch.as_tensor(absmax).to(torch.float32).reshape(-1)
    if constants.numel() == 0 or block_size < 1:
        raise ValueError("bad input")
    offset = constants.mean()
    centred = constants - offset
    _, state = bnb_functional.quantize_blockwise(centred, blocksize=256)      # borrows the library's block absmax
    blocks = F.pad(centred, (0, (-len(centred)) % block_size)).reshape(-1, block_size)
    scales = blocks.abs().amax(dim=1)
    safe = torch.where(scales > 0, scales, torch.ones_like(scales))
    codes = torch.round(127 * blocks / safe[:, None]).reshape(-1)[: len(centred)]
    return codes.to(torch.int8), scales, float(offset)


def bits_per_parameter(block_size=64, second_block_size=256, double_quantization=True):
    """Bits per weight of NF4 storage with fp32 block constants, or with double-quantised ones."""
    if not double_quantization:
        return 4 + 32 / block_size
    return 4 + 8 / block_size + 32 / (block_size * second_block_size)
''',
    },
    "quiz": {
        "wrong": '''with torch.device("meta"):                                             # shapes only: nothing is allocated
    smollm_skeleton = AutoModelForCausalLM.from_config(LlamaConfig(
        vocab_size=49152, hidden_size=576, intermediate_size=1536, num_hidden_layers=30, num_attention_heads=9,
        num_key_value_heads=3, tie_word_embeddings=True))
tiny_gpt = causal_lm.tiny_gpt2(40, n_positions=16, n_embd=32, n_layer=2, n_head=2, seed=5)
probe_ids = (torch.arange(16) * 3 % 40)[None]                          # (1, 16)
# Set the six variables below.
predicted_smollm_lora_parameters = 30 * 2 * 8 * (576 + 576)        # forgets that v_proj is 576 -> 192 (grouped-query)
predicted_change_at_start = 0.0
predicted_bits_double = 4 + 8 / 32 + 32 / 128                      # the fp32 scale spread over 128 weights, not 32 * 128
measured_smollm_lora_parameters = sum(p.numel() for p in add_lora(smollm_skeleton, 8, 16, ["q_proj", "v_proj"]).parameters()
                                      if p.requires_grad)
with torch.no_grad():
    measured_change_at_start = float((add_lora(copy.deepcopy(tiny_gpt), 4, 8, ["c_attn", "c_fc"])(probe_ids).logits
                                      - tiny_gpt(probe_ids).logits).abs().max())
measured_bits_double = bits_per_parameter(32, 128, True)
''',
        "why": "counts v_proj as 576 -> 576 (ignoring grouped-query attention) and spreads the second-level fp32 "
               "scale over one block of constants' worth of weights instead of 32 x 128",
        "alternative": '''with torch.device("meta"):                                             # shapes only: nothing is allocated
    smollm_skeleton = AutoModelForCausalLM.from_config(LlamaConfig(
        vocab_size=49152, hidden_size=576, intermediate_size=1536, num_hidden_layers=30, num_attention_heads=9,
        num_key_value_heads=3, tie_word_embeddings=True))
tiny_gpt = causal_lm.tiny_gpt2(40, n_positions=16, n_embd=32, n_layer=2, n_head=2, seed=5)
probe_ids = (torch.arange(16) * 3 % 40)[None]                          # (1, 16)
# Set the six variables below.
per_layer = 8 * (576 + 576) + 8 * (576 + 3 * 64)
predicted_smollm_lora_parameters = int(30 * per_layer)
predicted_change_at_start = float(0)
predicted_bits_double = 4.0 + 0.25 + 1 / 128
model = add_lora(smollm_skeleton, rank=8, alpha=8, target_modules=("v_proj", "q_proj"))
measured_smollm_lora_parameters = int(sum(p.numel() for n, p in model.named_parameters() if "lora_" in n))
reference_logits = tiny_gpt(probe_ids).logits.detach()
adapted_gpt = add_lora(copy.deepcopy(tiny_gpt), 4, 8, ("c_fc", "c_attn"))
measured_change_at_start = (adapted_gpt(probe_ids).logits.detach() - reference_logits).abs().max().item()
measured_bits_double = float(bits_per_parameter(block_size=32, second_block_size=128))
''',
    },
}
