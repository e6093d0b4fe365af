"""The API's rate limit for anonymous clients, counted before anything answers: a cached answer or a 304 counts
too, so the documented limit is the limit a client meets."""

import math

from django.conf import settings
from django.http import JsonResponse
from ninja.throttling import AnonRateThrottle

from lawreader.web.guards import API_PREFIX


class ApiRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            # Read per request: the rate is a setting (LAWREADER_API_RATE) that tests and deployments change.
            throttle = AnonRateThrottle(settings.LAWREADER_API_RATE)
            if not throttle.allow_request(request):
                response = JsonResponse(
                    {"detail": f"Too many requests: the limit is {throttle.rate} per client address."}, status=429
                )
                response["Retry-After"] = str(math.ceil(throttle.wait() or throttle.duration))
                return response
        return self.get_response(request)
