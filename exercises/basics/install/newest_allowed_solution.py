def newest_allowed(available, specs):
    """返回版本号字符串，或 None。"""
    both = SpecifierSet(",".join(specs))
    ok = [v for v in available if not Version(v).is_prerelease and v in both]
    return max(ok, key=Version) if ok else None
