"""booking: order address snapshot, grab pool, exceptions, series options, change requests, customer tags, favourites

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 23:34:52.205345
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jiazheng_desk.models.base as jz_types


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('customer_tag',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('tag', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('created_by', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_customer_tag_created_by_staff_user')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_tag_customer_id_customer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_tag')),
    sa.UniqueConstraint('customer_id', 'tag', name=op.f('uq_customer_tag_customer_id_tag')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('customer_tag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_tag_created_by'), ['created_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_tag_tag'), ['tag'], unique=False)

    op.create_table('favorite',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('customer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('target_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_favorite_customer_id_customer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_favorite')),
    sa.UniqueConstraint('customer_id', 'kind', 'target_id', name=op.f('uq_favorite_customer_id_kind_target_id')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    op.create_table('order_change_request',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('requested_by_kind', sa.String(length=16), nullable=False),
    sa.Column('requested_by_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('new_starts_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('new_ends_at', jz_types.UTCDateTime(), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('staff_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('staff_decided_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('customer_decided_at', jz_types.UTCDateTime(), nullable=True),
    sa.Column('created_at', jz_types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_change_request_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_user.id'], name=op.f('fk_order_change_request_staff_id_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_change_request')),
    mysql_charset='utf8mb4',
    mysql_collate='utf8mb4_unicode_ci',
    mysql_engine='InnoDB'
    )
    with op.batch_alter_table('order_change_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_change_request_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_change_request_staff_id'), ['staff_id'], unique=False)

    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lat', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('lng', sa.Float(), nullable=True))

    with op.batch_alter_table('order_series', schema=None) as batch_op:
        batch_op.add_column(sa.Column('options_json', sa.String(length=255), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('customer_note', sa.String(length=500), server_default='', nullable=False))

    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address_text', sa.String(length=255), server_default='', nullable=False))
        batch_op.add_column(sa.Column('lat', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('lng', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pool_open', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('rejections', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('exception_reason', sa.String(length=32), server_default='', nullable=False))
        batch_op.add_column(sa.Column('exception_at', jz_types.UTCDateTime(), nullable=True))

    # the overlap probe reads a worker's bookings by their end (see models/orders.py);
    # the new index comes first: MySQL keeps an index that a foreign key needs
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index(
            'ix_orders_worker_id_ends_at', ['worker_id', 'ends_at', 'starts_at'], unique=False
        )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_worker_id_starts_at')

    # orders booked before keep the place they were booked for
    op.execute(
        "UPDATE orders SET "
        "address_text = (SELECT a.address_text FROM customer_address a WHERE a.id = orders.address_id), "
        "lat = (SELECT a.lat FROM customer_address a WHERE a.id = orders.address_id), "
        "lng = (SELECT a.lng FROM customer_address a WHERE a.id = orders.address_id)"
    )



def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index(
            'ix_orders_worker_id_starts_at', ['worker_id', 'starts_at'], unique=False
        )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_worker_id_ends_at')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        for column in ('exception_at', 'exception_reason', 'rejections', 'pool_open', 'lng', 'lat',
                       'address_text'):
            batch_op.drop_column(column)
    with op.batch_alter_table('branch', schema=None) as batch_op:
        batch_op.drop_column('lng')
        batch_op.drop_column('lat')
    with op.batch_alter_table('order_series', schema=None) as batch_op:
        batch_op.drop_column('customer_note')
        batch_op.drop_column('options_json')
    # dropping a table drops its indexes (MySQL refuses to drop an index a foreign key needs)
    op.drop_table('order_change_request')
    op.drop_table('favorite')
    op.drop_table('customer_tag')
