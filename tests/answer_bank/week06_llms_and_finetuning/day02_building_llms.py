"""Answer bank of week06_llms_and_finetuning day02_building_llms: a plausible wrong answer, a correct alternative
and (where the checks deny a call) a denied answer per exercise."""

BANK = {
    "GPT2FeedForward": {
        "wrong": '''class Conv1DLayer(nn.Module):
    """GPT-2's Conv1D: y = x @ weight + bias, with weight stored (n_in, n_out)."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        return x @ self.weight + self.bias


class GPT2FeedForward(nn.Module):
    """GPT-2's MLP: c_proj(gelu_tanh(c_fc(x))), (..., n_embd) -> (..., n_embd)."""

    def __init__(self, n_embd, n_inner):
        super().__init__()
        self.c_fc = Conv1DLayer(n_embd, n_inner)
        self.c_proj = Conv1DLayer(n_inner, n_embd)

    def forward(self, x):
        return self.c_proj(F.gelu(self.c_fc(x)))  # the exact GELU, not GPT-2's tanh approximation
''',
        "why": "uses PyTorch's exact GELU instead of the tanh approximation GPT-2 was trained with: outputs differ by up to "
               "about 5e-4 (the Conv1D layer itself is right and keeps its points)",
        "alternative": '''class Conv1DLayer(nn.Module):
    """GPT-2's Conv1D: y = x @ weight + bias, with weight stored (n_in, n_out)."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.n_out = n_out
        self.weight = nn.Parameter(torch.empty(n_in, n_out).normal_(0.0, 0.02))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        flat = x.reshape(-1, x.shape[-1])                                  # (rows, n_in)
        return torch.addmm(self.bias, flat, self.weight).reshape(*x.shape[:-1], self.n_out)


class GPT2FeedForward(nn.Module):
    """GPT-2's MLP: c_proj(gelu_tanh(c_fc(x))), (..., n_embd) -> (..., n_embd)."""

    def __init__(self, n_embd, n_inner):
        super().__init__()
        self.c_fc = Conv1DLayer(n_embd, n_inner)
        self.c_proj = Conv1DLayer(n_inner, n_embd)

    def forward(self, x):
        u = self.c_fc(x)
        activated = 0.5 * u * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (u + 0.044715 * u ** 3)))
        return self.c_proj(activated)
''',
        "denied": '''from transformers.pytorch_utils import Conv1D


class Conv1DLayer(Conv1D):
    """GPT-2's Conv1D: y = x @ weight + bias, with weight stored (n_in, n_out)."""

    def __init__(self, n_in, n_out):
        super().__init__(n_out, n_in)                                     # the library's layer, arguments swapped


class GPT2FeedForward(nn.Module):
    """GPT-2's MLP: c_proj(gelu_tanh(c_fc(x))), (..., n_embd) -> (..., n_embd)."""

    def __init__(self, n_embd, n_inner):
        super().__init__()
        self.c_fc = Conv1DLayer(n_embd, n_inner)
        self.c_proj = Conv1DLayer(n_inner, n_embd)

    def forward(self, x):
        return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))
''',
    },
    "CausalSelfAttention": {
        "wrong": '''class CausalSelfAttention(nn.Module):
    """GPT-2's masked multi-head self-attention: (B, L, n_embd) -> (B, L, n_embd)."""

    def __init__(self, n_embd, n_head):
        super().__init__()
        self.n_head = n_head
        self.c_attn = Conv1DLayer(n_embd, 3 * n_embd)
        self.c_proj = Conv1DLayer(n_embd, n_embd)

    def forward(self, hidden_states):
        batch, length, width = hidden_states.shape
        q, k, v = self.c_attn(hidden_states).split(width, dim=-1)
        q, k, v = [t.view(batch, length, self.n_head, -1).transpose(1, 2) for t in (q, k, v)]
        scores = q @ k.transpose(-2, -1) / math.sqrt(width)              # the whole width, not one head's size
        mask = torch.ones(length, length, dtype=torch.bool).triu(1)
        weights = scores.masked_fill(mask, float("-inf")).softmax(dim=-1)
        return self.c_proj((weights @ v).transpose(1, 2).reshape(batch, length, width))
''',
        "why": "scales the scores by 1/sqrt(n_embd) instead of 1/sqrt(head size), so the attention is too flat "
               "(right only when there is one head)",
        "alternative": '''class CausalSelfAttention(nn.Module):
    """GPT-2's masked multi-head self-attention: (B, L, n_embd) -> (B, L, n_embd)."""

    def __init__(self, n_embd, n_head):
        super().__init__()
        self.heads = n_head
        self.c_attn = Conv1DLayer(n_embd, 3 * n_embd)
        self.c_proj = Conv1DLayer(n_embd, n_embd)
        self.register_buffer("allowed", torch.tril(torch.ones(1024, 1024, dtype=torch.bool)), persistent=False)

    def forward(self, hidden_states):
        width = hidden_states.shape[-1]
        size = width // self.heads
        length = hidden_states.shape[1]
        qkv = self.c_attn(hidden_states)
        outputs = []
        for head in range(self.heads):                                    # one head at a time
            q = qkv[..., head * size:(head + 1) * size]
            k = qkv[..., width + head * size:width + (head + 1) * size]
            v = qkv[..., 2 * width + head * size:2 * width + (head + 1) * size]
            scores = torch.einsum("bid,bjd->bij", q, k) * size ** -0.5
            scores = torch.where(self.allowed[:length, :length], scores, torch.tensor(float("-inf")))
            outputs.append(torch.einsum("bij,bjd->bid", torch.softmax(scores, dim=-1), v))
        return self.c_proj(torch.cat(outputs, dim=-1))
''',
        "denied": '''class CausalSelfAttention(nn.Module):
    """GPT-2's masked multi-head self-attention: (B, L, n_embd) -> (B, L, n_embd)."""

    def __init__(self, n_embd, n_head):
        super().__init__()
        self.n_head = n_head
        self.c_attn = Conv1DLayer(n_embd, 3 * n_embd)
        self.c_proj = Conv1DLayer(n_embd, n_embd)

    def forward(self, hidden_states):
        batch, length, width = hidden_states.shape
        q, k, v = [t.view(batch, length, self.n_head, -1).transpose(1, 2)
                   for t in self.c_attn(hidden_states).split(width, dim=-1)]
        merged = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.c_proj(merged.transpose(1, 2).reshape(batch, length, width))
''',
    },
    "PreNormBlock": {
        "wrong": '''class PreNormBlock(nn.Module):
    """GPT-2's pre-norm block with GPT-2's parameter names: (B, L, n_embd) -> (B, L, n_embd)."""

    def __init__(self, n_embd, n_head, n_inner, layer_norm_epsilon=1e-5):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd, eps=layer_norm_epsilon)
        self.attn = CausalSelfAttention(n_embd, n_head)
        self.ln_2 = nn.LayerNorm(n_embd, eps=layer_norm_epsilon)
        self.mlp = GPT2FeedForward(n_embd, n_inner)

    def forward(self, hidden_states):
        hidden_states = hidden_states + self.attn(self.ln_1(hidden_states))
        return hidden_states + self.mlp(self.ln_1(hidden_states))        # ln_1 again where ln_2 belongs
''',
        "why": "normalises the MLP's input with ln_1 (copy-paste) instead of ln_2, so ln_2's weights are never used",
        "alternative": '''class PreNormBlock(nn.Module):
    """GPT-2's pre-norm block with GPT-2's parameter names: (B, L, n_embd) -> (B, L, n_embd)."""

    def __init__(self, n_embd, n_head, n_inner, layer_norm_epsilon=1e-5):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd, eps=layer_norm_epsilon)
        self.attn = CausalSelfAttention(n_embd, n_head)
        self.ln_2 = nn.LayerNorm(n_embd, eps=layer_norm_epsilon)
        self.mlp = GPT2FeedForward(n_embd, n_inner)

    def forward(self, hidden_states):
        stream = hidden_states
        for norm, sublayer in ((self.ln_1, self.attn), (self.ln_2, self.mlp)):
            stream = stream + sublayer(norm(stream))                      # the residual stream is never normalised
        return stream
''',
        "denied": '''from transformers import GPT2Config
from transformers.models.gpt2.modeling_gpt2 import GPT2Block


class PreNormBlock(GPT2Block):
    """GPT-2's pre-norm block with GPT-2's parameter names: (B, L, n_embd) -> (B, L, n_embd)."""

    def __init__(self, n_embd, n_head, n_inner, layer_norm_epsilon=1e-5):
        super().__init__(GPT2Config(n_embd=n_embd, n_head=n_head, n_inner=n_inner, layer_norm_epsilon=layer_norm_epsilon,
                                    resid_pdrop=0.0, attn_pdrop=0.0, embd_pdrop=0.0))

    def forward(self, hidden_states):
        return super().forward(hidden_states)
''',
    },
    "GPT2FromScratch": {
        "wrong": '''class GPT2FromScratch(nn.Module):
    """GPT-2 with GPT2LMHeadModel's parameter names and a tied head: ids (B, L) -> logits (B, L, V)."""

    def __init__(self, vocab_size, n_positions, n_embd, n_layer, n_head, layer_norm_epsilon=1e-5):
        super().__init__()
        self.transformer = nn.ModuleDict({
            "wte": nn.Embedding(vocab_size, n_embd),
            "wpe": nn.Embedding(n_positions, n_embd),
            "h": nn.ModuleList([PreNormBlock(n_embd, n_head, 4 * n_embd, layer_norm_epsilon) for _ in range(n_layer)]),
            "ln_f": nn.LayerNorm(n_embd, eps=layer_norm_epsilon),
        })
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = self.transformer["wte"].weight

    def forward(self, input_ids):
        input_ids = torch.as_tensor(input_ids)
        hidden = self.transformer["wte"](input_ids) + self.transformer["wpe"].weight[:input_ids.shape[1]]
        for block in self.transformer["h"]:
            hidden = block(hidden)
        return self.lm_head(hidden)                                       # ln_f is never applied
''',
        "why": "defines the final layer norm ln_f (so the weights load) but never applies it before the head",
        "alternative": '''class _Trunk(nn.Module):
    def __init__(self, vocab_size, n_positions, n_embd, n_layer, n_head, layer_norm_epsilon):
        super().__init__()
        self.wte = nn.Embedding(vocab_size, n_embd)
        self.wpe = nn.Embedding(n_positions, n_embd)
        self.h = nn.ModuleList(PreNormBlock(n_embd, n_head, 4 * n_embd, layer_norm_epsilon) for _ in range(n_layer))
        self.ln_f = nn.LayerNorm(n_embd, eps=layer_norm_epsilon)


class GPT2FromScratch(nn.Module):
    """GPT-2 with GPT2LMHeadModel's parameter names and a tied head: ids (B, L) -> logits (B, L, V)."""

    def __init__(self, vocab_size, n_positions, n_embd, n_layer, n_head, layer_norm_epsilon=1e-5):
        super().__init__()
        self.transformer = _Trunk(vocab_size, n_positions, n_embd, n_layer, n_head, layer_norm_epsilon)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = self.transformer.wte.weight

    def forward(self, input_ids):
        ids = torch.as_tensor(input_ids).long()
        hidden = self.transformer.wte.weight[ids] + self.transformer.wpe.weight[:ids.shape[-1]].unsqueeze(0)
        for block in self.transformer.h:
            hidden = block(hidden)
        hidden = self.transformer.ln_f(hidden)
        return hidden @ self.transformer.wte.weight.T                     # the tied head, written out
''',
        "denied": '''from transformers import GPT2Config, GPT2LMHeadModel


class GPT2FromScratch(GPT2LMHeadModel):
    """GPT-2 with GPT2LMHeadModel's parameter names and a tied head: ids (B, L) -> logits (B, L, V)."""

    def __init__(self, vocab_size, n_positions, n_embd, n_layer, n_head, layer_norm_epsilon=1e-5):
        super().__init__(GPT2Config(vocab_size=vocab_size, n_positions=n_positions, n_embd=n_embd, n_layer=n_layer,
                                    n_head=n_head, layer_norm_epsilon=layer_norm_epsilon, resid_pdrop=0.0,
                                    attn_pdrop=0.0, embd_pdrop=0.0, bos_token_id=0, eos_token_id=0))

    def forward(self, input_ids):
        return super().forward(input_ids=torch.as_tensor(input_ids)).logits
''',
    },
    "distillation_loss": {
        "wrong": '''def distillation_loss(student_logits, teacher_logits, temperature, alpha, labels):
    """alpha * T^2 * mean KL(softmax(teacher/T) || softmax(student/T)) + (1 - alpha) * CE(student, labels); 0-d tensor."""
    if temperature <= 0 or not 0 <= alpha <= 1:
        raise ValueError("bad temperature or alpha")
    student = torch.as_tensor(student_logits)
    teacher = torch.as_tensor(teacher_logits)
    log_q = torch.log_softmax(student / temperature, dim=-1)
    p = torch.softmax(teacher / temperature, dim=-1)
    kl = (p * (torch.log_softmax(teacher / temperature, dim=-1) - log_q)).sum(dim=-1).mean()
    return alpha * kl + (1 - alpha) * F.cross_entropy(student, torch.as_tensor(labels).long())   # no T**2
''',
        "why": "forgets the T^2 factor on the soft term, so the teacher's signal fades as 1/T^2 when the temperature grows "
               "(right only at T = 1 or alpha = 0)",
        "alternative": '''def distillation_loss(student_logits, teacher_logits, temperature, alpha, labels):
    """alpha * T^2 * mean KL(softmax(teacher/T) || softmax(student/T)) + (1 - alpha) * CE(student, labels); 0-d tensor."""
    if temperature <= 0:
        raise ValueError("the temperature must be positive")
    if alpha < 0 or alpha > 1:
        raise ValueError("alpha must be in [0, 1]")
    s = torch.as_tensor(student_logits)
    t = torch.as_tensor(teacher_logits)
    y = torch.as_tensor(labels).long()
    s_scaled, t_scaled = s / temperature, t / temperature
    log_q = s_scaled - torch.logsumexp(s_scaled, dim=1, keepdim=True)
    log_p = t_scaled - torch.logsumexp(t_scaled, dim=1, keepdim=True)
    soft = (torch.exp(log_p) * log_p).sum() - (torch.exp(log_p) * log_q).sum()     # sum over rows and classes
    hard = (torch.logsumexp(s, dim=1) - s.gather(1, y[:, None]).squeeze(1)).mean()
    rows = s.shape[0]
    return alpha * temperature * temperature * soft / rows + (1 - alpha) * hard
''',
        "denied": '''def distillation_loss(student_logits, teacher_logits, temperature, alpha, labels):
    """alpha * T^2 * mean KL(softmax(teacher/T) || softmax(student/T)) + (1 - alpha) * CE(student, labels); 0-d tensor."""
    if temperature <= 0 or not 0 <= alpha <= 1:
        raise ValueError("bad temperature or alpha")
    student = torch.as_tensor(student_logits)
    teacher = torch.as_tensor(teacher_logits)
    soft = F.kl_div(F.log_softmax(student / temperature, -1), F.log_softmax(teacher / temperature, -1),
                    reduction="batchmean", log_target=True)
    return alpha * temperature ** 2 * soft + (1 - alpha) * F.cross_entropy(student, torch.as_tensor(labels).long())
''',
    },
    "quiz": {
        "wrong": '''from transformers import AlbertConfig, AlbertModel, BertConfig, BertModel

with torch.device("meta"):                                        # shapes only, as in section 6
    bert_30k = BertModel(BertConfig(vocab_size=30000))
    albert_base = AlbertModel(AlbertConfig(vocab_size=30000, embedding_size=128, hidden_size=768, num_attention_heads=12,
                                           intermediate_size=3072))
# Set the six variables below.
predicted_high_t_loss = 0.0            # "a high temperature makes both distributions uniform, so the loss vanishes"
predicted_embedding_saving = 30000 * 768 - (30000 * 128 + 128 * 768)    # the projection's bias forgotten
predicted_layer_ratio = 12
measured_high_t_loss = float(distillation_loss(torch.zeros(1, 4, dtype=torch.float64),
                                               torch.tensor([[2.0, 0.0, 0.0, 0.0]], dtype=torch.float64), 100.0, 1.0,
                                               torch.tensor([0])))
count = lambda module: sum(p.numel() for p in module.parameters())
measured_embedding_saving = count(bert_30k.embeddings.word_embeddings) - count(albert_base.embeddings.word_embeddings) \\
    - count(albert_base.encoder.embedding_hidden_mapping_in)
measured_layer_ratio = count(bert_30k.encoder) / count(albert_base.encoder.albert_layer_groups)
''',
        "why": "predicts that the distillation loss vanishes at a high temperature (forgetting that T^2 compensates) and "
               "leaves the projection's bias out of ALBERT's embedding",
        "alternative": '''from transformers import AlbertConfig, AlbertModel, BertConfig, BertModel

with torch.device("meta"):                                        # shapes only, as in section 6
    bert_30k = BertModel(BertConfig(vocab_size=30000))
    albert_base = AlbertModel(AlbertConfig(vocab_size=30000, embedding_size=128, hidden_size=768, num_attention_heads=12,
                                           intermediate_size=3072))
# Set the six variables below.
centred = np.array([2.0, 0.0, 0.0, 0.0]) - 0.5
predicted_high_t_loss = float((centred ** 2).sum() / 8)
V, H, E = 30000, 768, 128
predicted_embedding_saving = V * H - V * E - E * H - H
predicted_layer_ratio = int(12)
measured_high_t_loss = distillation_loss(np.zeros((1, 4)), np.array([[2.0, 0.0, 0.0, 0.0]]), 100, 1, np.array([0])).item()
bert_table = bert_30k.embeddings.word_embeddings.weight.numel()
albert_table = albert_base.embeddings.word_embeddings.weight.numel()
projection = albert_base.encoder.embedding_hidden_mapping_in
measured_embedding_saving = bert_table - albert_table - projection.weight.numel() - projection.bias.numel()
bert_layers = sum(p.numel() for layer in bert_30k.encoder.layer for p in layer.parameters())
shared = sum(p.numel() for p in albert_base.encoder.albert_layer_groups.parameters())
measured_layer_ratio = float(bert_layers / shared)
''',
    },
}
