"""Answer bank for week09/day06_multimodal_architectures (see tests/answer_bank/__init__.py)."""

BANK = {
    "normalise_rows": {
        "wrong": '''def normalise_rows(matrix):
    rows = torch.as_tensor(matrix)
    if not rows.is_floating_point():
        rows = rows.float()
    if rows.dim() != 2:
        raise ValueError("need (N, D)")
    lengths = rows.norm(dim=0, keepdim=True)
    return rows / torch.where(lengths > 0, lengths, torch.ones_like(lengths))
''',
        "why": "normalises the columns (dim=0) instead of the rows",
        "alternative": '''def normalise_rows(matrix):
    rows = torch.as_tensor(matrix)
    if rows.ndim != 2:
        raise ValueError("normalise_rows wants a 2-D input")
    if not torch.is_floating_point(rows):
        rows = rows.type(torch.float32)
    length = torch.linalg.norm(rows, dim=-1, keepdim=True)
    return rows / length.clamp(min=torch.finfo(rows.dtype).tiny)
''',
        "denied": '''def normalise_rows(matrix):
    rows = torch.as_tensor(matrix)
    if not rows.is_floating_point():
        rows = rows.float()
    if rows.dim() != 2:
        raise ValueError("need (N, D)")
    return F.normalize(rows, dim=1)
''',
    },
    "clip_logits": {
        "wrong": '''def clip_logits(image_embeddings, text_embeddings, log_scale):
    images = normalise_rows(image_embeddings)
    texts = normalise_rows(text_embeddings).to(images.dtype)
    if images.shape[1] != texts.shape[1]:
        raise ValueError("widths differ")
    return torch.exp(torch.as_tensor(log_scale, dtype=images.dtype)) * images @ texts.T
''',
        "why": "forgets to clamp the scale exp(log_scale) at 100",
        "alternative": '''def clip_logits(image_embeddings, text_embeddings, log_scale):
    u = torch.as_tensor(image_embeddings)
    v = torch.as_tensor(text_embeddings)
    if u.shape[-1] != v.shape[-1]:
        raise ValueError("the image and text embeddings must have the same width")
    u, v = normalise_rows(u), normalise_rows(v)
    t = log_scale if isinstance(log_scale, torch.Tensor) else torch.tensor(float(log_scale))
    t = t.to(u.dtype)
    scale = torch.minimum(t.exp(), torch.tensor(100.0, dtype=u.dtype))
    return torch.einsum("nd,md->nm", u, v.to(u.dtype)) * scale
''',
        "denied": '''def clip_logits(image_embeddings, text_embeddings, log_scale):
    images = torch.as_tensor(image_embeddings)
    if not images.is_floating_point():
        images = images.float()
    texts = torch.as_tensor(text_embeddings).to(images.dtype)
    if images.shape[1] != texts.shape[1]:
        raise ValueError("widths differ")
    scale = torch.clamp(torch.exp(torch.as_tensor(log_scale, dtype=images.dtype)), max=100.0)
    return scale * F.normalize(images, dim=1) @ F.normalize(texts, dim=1).T
''',
    },
    "clip_loss": {
        "wrong": '''def clip_loss(logits):
    scores = torch.as_tensor(logits)
    if not scores.is_floating_point():
        scores = scores.float()
    if scores.dim() != 2 or scores.shape[0] != scores.shape[1]:
        raise ValueError("square logits please")
    return F.cross_entropy(scores, torch.arange(len(scores)))
''',
        "why": "the image-to-text direction only: the columns (text-to-image) are never scored",
        "alternative": '''def clip_loss(logits):
    x = torch.as_tensor(logits)
    if not torch.is_floating_point(x):
        x = x.to(torch.float32)
    if x.ndim != 2 or x.size(0) != x.size(1):
        raise ValueError("clip_loss needs an (N, N) matrix")
    diagonal = torch.diagonal(x)
    by_rows = (torch.logsumexp(x, dim=1) - diagonal).mean()
    by_columns = (torch.logsumexp(x, dim=0) - diagonal).mean()
    return 0.5 * by_rows + 0.5 * by_columns
''',
        "denied": '''def clip_loss(logits):
    from transformers.models.clip.modeling_clip import image_text_contrastive_loss as library_loss
    scores = torch.as_tensor(logits)
    if not scores.is_floating_point():
        scores = scores.float()
    if scores.dim() != 2 or scores.shape[0] != scores.shape[1]:
        raise ValueError("square logits please")
    return library_loss(scores)
''',
    },
    "embedding_pair_loss": {
        "wrong": '''def embedding_pair_loss(image_embeddings, text_embeddings, log_scale):
    images = torch.as_tensor(image_embeddings, dtype=torch.float64)
    texts = torch.as_tensor(text_embeddings, dtype=torch.float64)
    images = images / images.norm(dim=1, keepdim=True).clamp_min(1e-12)
    texts = texts / texts.norm(dim=1, keepdim=True).clamp_min(1e-12)
    scale = torch.as_tensor(log_scale, dtype=torch.float64).exp().clamp(max=100.0)
    logits = scale * images @ texts.T
    targets = torch.arange(len(logits))
    return (F.cross_entropy(logits.T, targets) + F.cross_entropy(logits.T, targets)) / 2
''',
        "why": "transposes both terms: still one direction only (text-to-image twice)",
        "alternative": '''def embedding_pair_loss(image_embeddings, text_embeddings, log_scale):
    a = torch.as_tensor(image_embeddings).double()
    b = torch.as_tensor(text_embeddings).double()
    a = a / torch.clamp(torch.sqrt((a ** 2).sum(-1, keepdim=True)), min=1e-12)
    b = b / torch.clamp(torch.sqrt((b ** 2).sum(-1, keepdim=True)), min=1e-12)
    s = torch.clamp(torch.exp(torch.as_tensor(log_scale).double()), max=100.0)
    z = s * (b @ a.T)                       # texts x images
    d = torch.diagonal(z)
    return ((z.logsumexp(0) - d).mean() + (z.logsumexp(1) - d).mean()) / 2
''',
    },
    "zero_shot_predict": {
        "wrong": '''def zero_shot_predict(image_embeddings, class_text_embeddings):
    images = torch.as_tensor(image_embeddings).double()
    prompts = torch.as_tensor(class_text_embeddings).double()
    if images.shape[1] != prompts.shape[1]:
        raise ValueError("widths differ")
    return (images @ prompts.T).argmax(dim=1).numpy().astype(np.int64)
''',
        "why": "ranks prompts by the raw dot product, so long prompt vectors win",
        "alternative": '''def zero_shot_predict(image_embeddings, class_text_embeddings):
    def as_numpy(x):
        return x.detach().cpu().numpy() if isinstance(x, torch.Tensor) else np.asarray(x)
    images = as_numpy(image_embeddings).astype(np.float64)
    prompts = as_numpy(class_text_embeddings).astype(np.float64)
    if images.shape[-1] != prompts.shape[-1]:
        raise ValueError("widths differ")
    norms = np.linalg.norm(prompts, axis=1)
    prompts = prompts / np.where(norms == 0, 1.0, norms)[:, None]
    image_norms = np.linalg.norm(images, axis=1)
    images = images / np.where(image_norms == 0, 1.0, image_norms)[:, None]
    scores = images @ prompts.T
    best = scores.max(axis=1, keepdims=True)
    return np.array([int(np.flatnonzero(row == top)[0]) for row, top in zip(scores, best)], dtype=np.int64)
''',
    },
    "prompt_ensemble": {
        "wrong": '''def prompt_ensemble(template_embeddings):
    stack = torch.as_tensor(template_embeddings)
    if not stack.is_floating_point():
        stack = stack.float()
    if stack.dim() != 3:
        raise ValueError("need (T, C, D)")
    return normalise_rows(stack.mean(dim=0))
''',
        "why": "averages the raw template vectors before normalising them, so long ones dominate",
        "alternative": '''def prompt_ensemble(template_embeddings):
    x = torch.as_tensor(template_embeddings)
    if x.ndim != 3:
        raise ValueError("expected a (T, C, D) stack")
    if not torch.is_floating_point(x):
        x = x.to(torch.float32)
    length = torch.linalg.norm(x, dim=-1, keepdim=True)
    unit = torch.where(length > 0, x / torch.where(length > 0, length, torch.ones_like(length)), torch.zeros_like(x))
    total = unit.sum(dim=0)                                   # same direction as the mean
    total_length = torch.linalg.norm(total, dim=-1, keepdim=True)
    return total / torch.where(total_length > 0, total_length, torch.ones_like(total_length))
''',
    },
    "recall_at_k": {
        "wrong": '''def recall_at_k(similarity, k):
    if isinstance(similarity, torch.Tensor):
        similarity = similarity.detach().numpy()
    scores = np.asarray(similarity, dtype=float)
    if scores.ndim != 2 or scores.shape[1] < scores.shape[0] or k < 1:
        raise ValueError("bad input")
    n = scores.shape[0]
    correct = scores[np.arange(n), np.arange(n)][:, None]
    return float(np.mean((scores >= correct).sum(axis=1) <= k))
''',
        "why": "counts tied items as ranked above the correct one (ties against the query)",
        "alternative": '''def recall_at_k(similarity, k):
    s = torch.as_tensor(similarity).detach().to(torch.float64)
    if s.dim() != 2 or s.shape[1] < s.shape[0]:
        raise ValueError("need (N, M) with M >= N")
    if k < 1:
        raise ValueError("k >= 1")
    hits = 0
    for i in range(s.shape[0]):
        hits += int((s[i] > s[i, i]).sum().item() < k)
    return hits / s.shape[0] if s.shape[0] else 0.0
''',
        "denied": '''def recall_at_k(similarity, k):
    if isinstance(similarity, torch.Tensor):
        similarity = similarity.detach().numpy()
    scores = np.asarray(similarity, dtype=float)
    if scores.ndim != 2 or scores.shape[1] < scores.shape[0] or k < 1:
        raise ValueError("bad input")
    n, m = scores.shape
    return float(top_k_accuracy_score(np.arange(n), scores, k=k, labels=np.arange(m)))
''',
    },
    "quiz": {
        "wrong": '''quiz_uniform_logits = torch.full((8, 8), 3.0)
quiz_vectors = torch.as_tensor(np.random.default_rng(7).normal(size=(5, 4)))
quiz_random_scores = np.random.default_rng(11).normal(size=(500, 500))
predicted_uniform_loss = 2.079
predicted_max_logit = 1000.0
predicted_random_recall = 0.1
measured_uniform_loss = float(clip_loss(quiz_uniform_logits))
measured_max_logit = float(clip_logits(quiz_vectors, quiz_vectors, math.log(1000)).max())
measured_random_recall = recall_at_k(quiz_random_scores, 50)
''',
        "why": "predicts exp(log 1000) = 1000 for the largest logit, forgetting the clamp at 100",
        "alternative": '''quiz_uniform_logits = torch.full((8, 8), 3.0)
quiz_vectors = torch.as_tensor(np.random.default_rng(7).normal(size=(5, 4)))
quiz_random_scores = np.random.default_rng(11).normal(size=(500, 500))
predicted_uniform_loss = float(np.log(8))
predicted_max_logit = float(min(1000, 100))
predicted_random_recall = 50 / 500
measured_uniform_loss = clip_loss(quiz_uniform_logits).item()
measured_max_logit = clip_logits(quiz_vectors, quiz_vectors, math.log(1000)).max().item()
measured_random_recall = float(recall_at_k(quiz_random_scores, k=50))
''',
    },
}
