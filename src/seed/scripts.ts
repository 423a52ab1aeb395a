/**
 * Conversation scripts the seed generator draws message texts from. `in` lines are the customer's, `out` lines
 * the team's. Placeholders in braces are filled per conversation: {first} the customer's first name, {agent}
 * the team member's first name, {team} the business, {day} {time} {time2} {date} a slot, {order} an order
 * number, {amount} a price, {item} a product or service, {address} a street address.
 */
/** A line: who says it, and what (one text, or several ways of saying it, one chosen per conversation). */
export type ScriptLine = readonly ['in' | 'out', string | readonly string[]]

export type Script = { topic: string; lines: readonly ScriptLine[] }

/** Conversations the customer starts. */
export const INBOUND_SCRIPTS: readonly Script[] = [
  {
    topic: 'appointment',
    lines: [
      ['in', ['Hi, do you have anything open {day}?', 'Any openings {day}?', 'Hey, can I get in sometime {day}?', 'Do you have availability {day} afternoon?']],
      ['out', 'Hi {first}! We have {time} or {time2} on {day}. Which works better for you?'],
      ['in', '{time} please'],
      ['out', "You're booked for {day} at {time}. Reply C to confirm or R to reschedule."],
      ['in', 'C'],
      ['out', 'Confirmed. See you {day}!'],
      ['in', 'Is there parking nearby?'],
      ['out', 'Yes, there is free parking behind the building on {address}.'],
      ['in', ['Perfect, thank you', 'Great, thanks!', 'Good to know, thank you', 'Awesome 👍']],
    ],
  },
  {
    topic: 'order status',
    lines: [
      ['in', 'Hey, my order {order} still says processing. Any update?'],
      ['out', 'Hi {first}, this is {agent}. Let me look into {order} for you.'],
      ['out', 'It shipped this morning, you should get tracking by email within the hour.'],
      ['in', ['Great, thanks!', 'Thank you!', 'ok good to hear']],
      ['in', 'Actually the tracking link is not working'],
      ['out', 'Sorry about that! Here it is again: https://track.example.com/{order}'],
      ['in', 'Got it, works now'],
      ['out', 'Anything else I can help with?'],
      ['in', ['Nope that is all', 'No that is it, thanks', 'All good now', 'That is everything 🙏']],
    ],
  },
  {
    topic: 'billing',
    lines: [
      ['in', 'I think I was charged twice this month, {amount} both times'],
      ['out', 'Hi {first}, sorry for the trouble. Can you send the last 4 digits of the card?'],
      ['in', '4417'],
      ['out', 'Thanks. I see the duplicate charge and have refunded {amount}. It takes 3-5 business days to show up.'],
      ['in', ['Appreciate it', 'Thanks for sorting that out', 'Thank you, that was fast']],
      ['out', ['Of course! Have a great day.', 'Happy to help, {first}!', 'Anytime. Have a good one!']],
    ],
  },
  {
    topic: 'quote',
    lines: [
      ['in', 'How much would it be for {item}?'],
      ['out', 'Hi {first}! {item} usually runs about {amount}. Want me to put together a written quote?'],
      ['in', 'Yes please, can you email it?'],
      ['out', 'Sure, what email should I send it to?'],
      ['in', 'Same one you have on file'],
      ['out', 'Sent! Let me know if you have questions.'],
      ['in', 'Looks good. When could you start?'],
      ['out', 'We could start as early as {day}.'],
      ['in', ["Let's do it", 'Sounds good, book it', 'Yes, go ahead']],
      ['out', 'Awesome, I will get you on the schedule.'],
    ],
  },
  {
    topic: 'support',
    lines: [
      ['in', 'The {item} I bought last week stopped working'],
      ['out', 'Oh no, sorry to hear that {first}. Does it turn on at all?'],
      ['in', 'No, nothing'],
      ['out', 'Could you try holding the power button for 10 seconds?'],
      ['in', 'Tried it, still nothing'],
      ['out', 'Thanks for trying. It is under warranty, so we will send a replacement. What is the best shipping address?'],
      ['in', '{address}'],
      ['out', 'Replacement is on its way. You should have it by {day}.'],
      ['in', ['Thank you so much', 'Amazing, thanks', 'Thanks for the quick help']],
    ],
  },
  {
    topic: 'hours',
    lines: [
      ['in', 'Are you open {day}?'],
      ['out', 'Hi! Yes, we are open {day} from 9am to 5pm.'],
      ['in', ['Thanks', 'Thank you!', 'Great, see you then', 'ok 👍']],
    ],
  },
  {
    topic: 'reschedule',
    lines: [
      ['in', 'Something came up, can I move my appointment?'],
      ['out', 'No problem {first}. Would {day} at {time} work instead?'],
      ['in', 'Can we do {time2}?'],
      ['out', 'Done, you are now booked {day} at {time2}.'],
      ['in', ['Thanks, sorry for the trouble', 'Thank you for being flexible', 'Perfect, thanks']],
      ['out', ['No trouble at all!', 'Happens to everyone, see you then!', 'All good, {first}!']],
    ],
  },
  {
    topic: 'feedback',
    lines: [
      ['in', 'Just wanted to say {agent} was super helpful yesterday'],
      ['out', 'That is so kind, thank you {first}! I will pass it along.'],
      ['in', ['Will definitely be back', 'Already told my sister about you', 'See you next time!']],
    ],
  },
]

/** Conversations the team starts. */
export const OUTBOUND_SCRIPTS: readonly Script[] = [
  {
    topic: 'reminder',
    lines: [
      ['out', 'Hi {first}, this is {agent} from {team}. Reminder: your appointment is {day} at {time}. Reply C to confirm.'],
      ['in', 'C'],
      ['out', ['Thanks, see you then!', 'Great, you are confirmed.', 'Thank you {first}, see you {day}!']],
      ['in', 'Should I bring anything?'],
      ['out', 'Just a photo ID. See you {day}!'],
    ],
  },
  {
    topic: 'pickup',
    lines: [
      ['out', 'Hi {first}, your {item} is ready for pickup at {team}.'],
      ['in', 'Awesome, can I come by after 5?'],
      ['out', 'We are open until 7 today, so that works.'],
      ['in', ['See you soon', 'Be there around 5:30', 'Thanks, on my way later']],
    ],
  },
  {
    topic: 'follow-up',
    lines: [
      ['out', 'Hi {first}, {agent} here from {team}. How did everything go with your {item}?'],
      ['in', ['Really well, thanks for checking in', 'Pretty good! One small question though', 'Great, very happy with it']],
      ['out', 'Glad to hear it! Let us know if you need anything.'],
    ],
  },
  {
    topic: 'payment',
    lines: [
      ['out', 'Hi {first}, your invoice for {amount} is ready: https://pay.example.com/i/{order}'],
      ['in', ['Paid just now', 'Done, paid', 'Will pay tonight', 'Can I pay in two parts?']],
      ['out', ['Received, thank you!', 'Got it, thanks {first}!', 'Payment received, you are all set.']],
    ],
  },
]

/** Group MMS threads. */
export const GROUP_SCRIPTS: readonly Script[] = [
  {
    topic: 'group booking',
    lines: [
      ['out', ['Hi all, confirming the group booking for {day} at {time} at {team}.', 'Hi everyone! {agent} from {team} here, your group is booked {day} at {time}.']],
      ['in', ['Thanks! Can we add one more person?', 'Can we make it {time2} instead?', 'Great, is there parking for 3 cars?']],
      ['out', ['Absolutely, I have updated the booking.', 'Done, see you all at {time2}.', 'Yes, the lot behind us is free.']],
      ['in', ['Great, see everyone then', 'Perfect 👍', 'Thanks!']],
    ],
  },
  {
    topic: 'group order',
    lines: [
      ['in', ['Hi, we are ordering together, can you split the bill for the {item}?', 'Is the {item} for all three of us ready?']],
      ['out', ['Sure! Each of you will get a link for your share of {amount}.', 'Yes! It is ready for pickup at {team}.']],
      ['in', ['Got mine, paid', 'Thanks, I will pick it up for everyone', 'Can you resend my link?']],
    ],
  },
]

/** Follow-up lines for conversations longer than their script (drawn at random, one way of saying each). */
export const FOLLOW_UPS: readonly ScriptLine[] = [
  ['in', ['One more question, do you take Apple Pay?', 'Do you take cards or cash only?', 'Can I pay when I get there?']],
  ['out', ['We do! Apple Pay, Google Pay and all major cards.', 'Cards, cash and Apple Pay all work.', 'Yes, you can pay at the front desk.']],
  ['in', ['Also, is {day} still ok?', 'Are we still on for {day}?', 'Just checking {day} is still good']],
  ['out', ['Yes, {day} is still on.', 'Yes, see you {day} at {time}!', 'All good for {day}.']],
  ['in', ['ok thanks', 'Cool', 'Thank you!', 'Sounds good', '👍']],
  ['out', ['Anytime, {first}!', 'You bet!', 'Have a great day!', 'Talk soon.']],
  ['in', ['What time do you close today?', 'Are you open on Sundays?', 'Do you have a number I can call?']],
  ['out', ['We close at 6 today.', 'Sundays 10 to 4!', 'Sure, you can also reach us by text here any time.']],
  ['in', ['Can you text me the address?', 'Where do I park?', 'Is there a side entrance?']],
  ['out', ['{address}. See you soon!', 'Free parking around the corner on {address}.', 'Yes, use the door on the left of the building.']],
  ['in', ['Could I get a receipt for {order}?', 'Can you email me the receipt?', 'Do you have my receipt from {day}?']],
  ['out', ['Sent to the email on file!', 'Just emailed it for {order}.', 'Done, check your inbox.']],
  ['in', ['Is the {item} still {amount}?', 'How long does the {item} take?', 'Do you have anything earlier than {time}?']],
  ['out', ['Yes, same price as before.', 'About an hour, give or take.', 'I can do {time2} if that helps.']],
  ['in', ['My husband might come instead, is that ok?', 'Can my daughter pick it up?', 'A friend will drop it off for me']],
  ['out', ['Of course, just have them give your name.', 'Sure, they only need the order number {order}.', 'No problem at all.']],
  ['in', ['Running a few minutes behind', 'Parking now', 'Here, at the front']],
  ['out', ['No rush!', 'Thanks for the heads up.', 'Coming out now.']],
]

/** Internal notes team members leave on a conversation. */
export const PRIVATE_NOTES: readonly string[] = [
  'Checking with billing on this one.',
  'Customer prefers texts over calls.',
  'VIP customer, please prioritize.',
  'Waiting on the warehouse to confirm stock.',
  'Handing this over, I am out tomorrow.',
  'Called them, no answer. Will try again later.',
  'Already refunded once this year, check with a manager first.',
  'Spoke with them on the phone, all sorted.',
  'Same person as the other thread, merging soon.',
  'Left a voicemail too.',
  'Their card on file expired.',
  'Needs a Spanish speaker if they call.',
]

export const BUSINESS_KINDS: readonly string[] = [
  'Dental',
  'Auto Care',
  'Realty',
  'Pet Clinic',
  'Fitness',
  'Plumbing',
  'Home Services',
  'Furniture',
  'Bike Shop',
  'Salon',
]

export const INBOX_NAMES: readonly string[] = [
  'Support',
  'Sales',
  'Front Desk',
  'Billing',
  'Scheduling',
  'Returns',
  'Service Dept',
  'Marketing',
  'Warehouse',
  'After Hours',
]

export const ITEMS: readonly string[] = [
  'water heater install',
  'cleaning',
  'brake service',
  'standing desk',
  'tune-up',
  'whitening treatment',
  'annual checkup',
  'bike fitting',
  'sofa',
  'haircut and color',
  'AC repair',
  'gym membership',
]

/** Real US area codes, so seeded numbers look like the numbers customers have. */
export const AREA_CODES: readonly string[] = [
  '201', '202', '206', '212', '213', '214', '303', '305', '312', '314', '404', '408', '415', '503', '510',
  '512', '602', '617', '646', '702', '713', '718', '720', '773', '805', '818', '917', '919', '949', '972',
]

export const CONTACT_FIELDS: readonly string[] = ['Birthday', 'Customer since', 'Preferred location']

export const TAGS: readonly (readonly [string, string])[] = [
  ['VIP', '#FFD700'],
  ['New customer', '#4CAF50'],
  ['Follow up', '#FF9800'],
  ['Wholesale', '#2196F3'],
  ['Do not call', '#F44336'],
]

/** Saved replies; `{{first_name}}` and friends are merge tokens filled per recipient when sent. */
export const TEMPLATES: readonly (readonly [string, string])[] = [
  ['Greeting', 'Hi {{first_name}}, thanks for reaching out to {team}! How can we help?'],
  ['Appointment reminder', 'Hi {{first_name}}, this is a reminder of your appointment with {team}. Reply C to confirm or R to reschedule.'],
  ['Review request', 'Thanks for choosing {team}, {{first_name}}! Would you leave us a quick review? https://reviews.example.com/r'],
  ['Payment link', 'Hi {{first_name}} {{last_name}}, your invoice is ready: https://pay.example.com/i'],
  ['After hours', 'Thanks for your message! Our team is offline and will reply first thing tomorrow.'],
  ['Holiday hours (old)', 'We are closed for the holidays and reopen on January 2nd.'],
]
