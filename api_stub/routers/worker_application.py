"""``/worker/application``: an applicant's form and where it stands."""

from __future__ import annotations

from fastapi import APIRouter

from api_stub.deps import CurrentWorker, SessionDep
from api_stub.schemas.worker_application import ApplicationIn, ApplicationOut
from jiazheng_desk.services import applications

router = APIRouter(prefix="/worker", tags=["worker: application"])


@router.post(
    "/application",
    response_model=ApplicationOut,
    status_code=201,
    summary="Submit the application (or send it again when documents were asked for)",
)
def submit_application(
    body: ApplicationIn, me: CurrentWorker, session: SessionDep
) -> ApplicationOut:
    """Identity, experience, skills, districts, home, and the ids of uploaded photos."""
    result = applications.submit_application(
        session,
        actor=me,
        name=body.name,
        gender=body.gender,
        birth_date=body.birth_date,
        id_number=body.id_number,
        years_experience=body.years_experience,
        skills=body.skills,
        district_ids=body.district_ids,
        home_district_id=body.home_district_id,
        home_address=body.home_address,
        id_photo_ids=body.id_photo_ids,
        certificates=[
            applications.CertificateIn(
                cert_type=c.cert_type,
                number=c.number,
                issuer=c.issuer,
                expires_on=c.expires_on,
                photo_id=c.photo_id,
            )
            for c in body.certificates
        ],
    )
    return ApplicationOut.model_validate(result)


@router.get("/application", response_model=ApplicationOut, summary="Where the application stands")
def application_status(me: CurrentWorker, session: SessionDep) -> ApplicationOut:
    """Applied, under review, waiting for documents, approved, or rejected with the reason."""
    return ApplicationOut.model_validate(applications.get_application_status(session, actor=me))
