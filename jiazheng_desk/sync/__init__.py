"""Background jobs (APScheduler 3) and the gateways to the outside world (requests).

Jobs claim work rows with ``SELECT … FOR UPDATE SKIP LOCKED`` so two runners never do
the same work twice; gateways come with a fake for tests and a sandbox for the demo.
The jobs issue adds the scheduler and the outbox delivery.
"""
