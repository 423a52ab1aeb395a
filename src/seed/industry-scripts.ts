import type { Script, ScriptLine } from './scripts.js'

/**
 * What each kind of business sells or does, and conversations only that kind has. A team's conversations draw
 * from its own kind's lists besides the general scripts, so a dental office talks about cleanings and a bike shop
 * about tune-ups. A line with several texts is said one of those ways, chosen per conversation.
 */
export type Industry = { items: readonly string[]; scripts: readonly Script[] }

const line = (direction: 'in' | 'out', ...texts: string[]): ScriptLine => [direction, texts.length === 1 ? texts[0]! : texts]

export const INDUSTRIES: Readonly<Record<string, Industry>> = {
  Dental: {
    items: ['cleaning', 'whitening treatment', 'crown fitting', 'filling', 'night guard', 'x-rays', 'root canal consult', 'Invisalign check'],
    scripts: [
      { topic: 'tooth pain', lines: [
        line('in', 'Hi, I have a sharp pain in a back tooth since last night. Can someone see me today?', 'My molar has been killing me since yesterday, any emergency slots?', 'Chipped a tooth at dinner, is there anything open soon?'),
        line('out', 'So sorry {first}! Dr. Patel can see you today at {time}. Can you make it?', 'Oh no, {first}. We keep emergency slots open, {time} today works?'),
        line('in', 'Yes, I will be there', 'Yes please, thank you!', 'Can I come a bit earlier?'),
        line('out', 'See you soon. If the swelling gets worse, take ibuprofen and let us know.', 'Perfect. Please bring your insurance card.'),
        line('in', 'Will do, thanks', 'Thank you, really appreciate it'),
      ] },
      { topic: 'insurance', lines: [
        line('in', 'Do you take Delta Dental?', 'Is Cigna dental in network with you?', 'Quick question, do you accept MetLife?'),
        line('out', 'Hi {first}! Yes, we are in network. Want me to check your benefits before your {item}?', 'We do! I can run a benefits check before the {item} if you like.'),
        line('in', 'That would be great', 'Yes please, my member ID is on file'),
        line('out', 'All set: the {item} is covered at 80%, so your part is about {amount}.', 'Checked: you have a {amount} copay for the {item}.'),
      ] },
    ],
  },
  'Auto Care': {
    items: ['oil change', 'brake service', 'tire rotation', 'alignment', 'battery replacement', 'state inspection', 'transmission flush', 'check engine light diagnosis'],
    scripts: [
      { topic: 'repair update', lines: [
        line('out', 'Hi {first}, {agent} at {team}. We finished the diagnosis: the front pads are down to 2mm. Brake service is {amount}, OK to proceed?', 'Hi {first}, your car is on the lift. The {item} comes to {amount} with parts. Want us to go ahead?'),
        line('in', 'Yes go ahead', 'Ugh ok, please do it', 'Can you send me a photo first?'),
        line('out', 'Will do. It should be ready by {time}.', 'Got it, we will text you when it is done, probably around {time}.'),
        line('out', 'Your car is ready! We are open until 6.', 'All done, keys are at the front desk.'),
        line('in', 'On my way', 'Be there in 20', 'Thanks, picking it up after work'),
      ] },
      { topic: 'noise', lines: [
        line('in', 'My car makes a grinding noise when I turn left. Can you take a look?', 'Check engine light came on this morning, should I be worried?', 'There is a squeal when I brake, can I bring it in?'),
        line('out', 'Hi {first}, we can check it {day} at {time}. Is it safe to drive for now?', 'Sure thing. Bring it {day} morning and we will do a {item}.'),
        line('in', 'Seems fine for short trips', 'I think so, I will drive slow'),
        line('out', 'OK, see you {day}. Drop-off starts at 7:30.', 'Great, I put you down for {day}.'),
      ] },
    ],
  },
  Realty: {
    items: ['showing', 'open house', 'listing consultation', 'home valuation', 'inspection walkthrough', 'lease renewal'],
    scripts: [
      { topic: 'showing request', lines: [
        line('in', 'Hi, is the 3 bedroom on {address} still available?', 'Saw the listing on {address}, can we see it this weekend?', 'Is the condo on {address} still on the market?'),
        line('out', 'Hi {first}, it is! I can show it {day} at {time}. Does that work?', 'Yes, still available. Open house is {day} from {time}, or I can do a private showing.'),
        line('in', 'Private showing please', '{day} works for us', 'Can my partner join by video?'),
        line('out', 'Booked. I will meet you out front. Bring your pre-approval letter if you have one.', 'Of course. I will send the address and lockbox details the morning of.'),
        line('in', 'Perfect, see you then', 'Thanks, we are excited!'),
      ] },
      { topic: 'offer', lines: [
        line('out', 'Hi {first}, the sellers came back with a counter at {amount} over asking. Want to talk it through?', 'Good news {first}: your offer was accepted! Next step is the inspection.'),
        line('in', 'Can you call me in 10?', 'Wow, that is great news!', 'Let me talk to my wife and get back to you'),
        line('out', 'Sure, calling you shortly.', 'Take your time, the deadline is {day} at 5pm.'),
      ] },
    ],
  },
  'Pet Clinic': {
    items: ['annual checkup', 'vaccine booster', 'dental cleaning', 'nail trim', 'spay consult', 'flea treatment', 'microchip'],
    scripts: [
      { topic: 'sick pet', lines: [
        line('in', 'My dog has not eaten since yesterday and seems tired. Should I bring him in?', 'Our cat keeps throwing up, can a vet see her today?', 'My puppy ate a sock I think, what should I do?'),
        line('out', 'Hi {first}, yes please bring them in. We can see you at {time}.', 'Please come in today, {first}. Dr. Nguyen has {time} open.'),
        line('in', 'Thank you, on our way at {time}', 'Ok, leaving now', 'Should I bring a stool sample?'),
        line('out', 'If you can, yes. Check in at the front desk when you arrive.', 'See you soon. Keep water available until then.'),
      ] },
      { topic: 'vaccine reminder', lines: [
        line('out', 'Hi {first}, {team} here. Your pet is due for a {item}. Want to book a visit?', 'Reminder from {team}: the {item} is due this month. Reply with a day that works!'),
        line('in', '{day} afternoon?', 'Yes, what do you have next week?', 'Already done at another clinic, thanks'),
        line('out', 'Booked {day} at {time}. See you both then!', 'No problem, I have updated the record. Thanks for letting us know!'),
      ] },
    ],
  },
  Fitness: {
    items: ['gym membership', 'personal training session', 'yoga class', 'spin class', 'body composition scan', 'guest pass', 'locker rental'],
    scripts: [
      { topic: 'class booking', lines: [
        line('in', 'Is there still room in the 6pm spin class {day}?', 'Can I book a spot in {day} morning yoga?', 'How do I sign up for the HIIT class?'),
        line('out', 'Hi {first}! I saved you a spot. Remember to check in 10 minutes early.', 'You are in! {day} at {time}. Bring a towel and water.'),
        line('in', 'Awesome thanks', 'Can I bring a friend?', 'See you there'),
        line('out', 'Friends get a free guest pass on their first visit!', 'Have a great workout!'),
      ] },
      { topic: 'membership freeze', lines: [
        line('in', 'I am traveling for a month, can I freeze my membership?', 'How do I pause my membership for the summer?', 'Can I cancel my membership?'),
        line('out', 'Hi {first}, sure. Freezing is free for up to 3 months. From which date?', 'Of course. I can pause it starting {day}. Sound good?'),
        line('in', 'Starting next Monday please', 'Yes, {day} is good'),
        line('out', 'Done. Your membership is paused and will restart automatically.', 'All set, no charges while it is frozen.'),
      ] },
    ],
  },
  Plumbing: {
    items: ['water heater install', 'drain cleaning', 'leak repair', 'toilet replacement', 'sump pump service', 'garbage disposal install', 'pipe inspection'],
    scripts: [
      { topic: 'leak', lines: [
        line('in', 'Water is leaking under my kitchen sink, can someone come today?', 'Our basement is flooding a bit, is anyone available?', 'No hot water since this morning. Help!'),
        line('out', 'Hi {first}, shut off the valve under the sink if you can. A tech can be there between {time} and {time2}.', 'We can get a tech to you today between {time} and {time2}. What is the address?'),
        line('in', '{address}', 'Ok, the valve is off', 'Thank you, please hurry'),
        line('out', 'Mike is on his way, he will text when he is 15 minutes out.', 'Got it. The service call is {amount}, applied to the repair.'),
        line('in', 'Thanks so much', 'Ok see you soon'),
      ] },
      { topic: 'estimate', lines: [
        line('out', 'Hi {first}, here is your estimate for the {item}: {amount}, parts and labor. Valid 30 days.', 'Hi {first}, {agent} from {team}. The {item} estimate is {amount}. Want to schedule it?'),
        line('in', 'Can you do {day}?', 'That is more than I expected, any options?', 'Looks good, let us book it'),
        line('out', 'We have {day} at {time}. I will put you down.', 'We also have a basic model that brings it to about {amount}.'),
      ] },
    ],
  },
  'Home Services': {
    items: ['house cleaning', 'gutter cleaning', 'window washing', 'lawn care visit', 'carpet shampoo', 'pressure washing', 'handyman hour'],
    scripts: [
      { topic: 'visit day', lines: [
        line('out', 'Hi {first}, your {item} crew is scheduled {day} between {time} and {time2}. Will someone be home?', 'Reminder: {team} is coming {day} at {time} for the {item}.'),
        line('in', 'I will leave the side gate open', 'Yes I work from home', 'Can we push it to next week?'),
        line('out', 'Perfect, thanks!', 'No problem, moved to next {day} at the same time.'),
        line('out', 'All done for today! Photos are in your account.', 'The crew just finished. Let us know how it looks!'),
        line('in', 'Looks great!', 'They missed the back windows', 'Thank you, very happy'),
      ] },
      { topic: 'new quote', lines: [
        line('in', 'How much for a {item} on a 2 story house?', 'Do you do {item} for apartments?', 'Looking for a price on {item}, about 1800 sq ft'),
        line('out', 'Hi {first}! For that size it is usually around {amount}. Want a firm quote?', 'We do! Most jobs like that are {amount}. I can have someone take a look {day}.'),
        line('in', 'Yes please', '{day} works', 'Let me think about it'),
      ] },
    ],
  },
  Furniture: {
    items: ['sofa', 'standing desk', 'dining table', 'bed frame', 'sectional', 'office chair', 'bookshelf', 'recliner'],
    scripts: [
      { topic: 'delivery', lines: [
        line('out', 'Hi {first}, your {item} is out for delivery today between {time} and {time2}.', 'Good news {first}! Your {item} arrived at our warehouse. Pick a delivery day?'),
        line('in', 'Great, I will be home', '{day} please', 'Can they take the old one away?'),
        line('out', 'Yes, haul away is {amount}. Want to add it?', 'Booked for {day}. The driver calls 30 minutes before.'),
        line('in', 'Yes add it', 'No thanks', 'Perfect'),
      ] },
      { topic: 'damaged item', lines: [
        line('in', 'The {item} arrived with a scratch on the side', 'One of the legs on my {item} is wobbly', 'Wrong color {item} was delivered'),
        line('out', 'So sorry {first}! Could you send a photo?', 'I am sorry about that. Can you text a picture so we can file it?'),
        line('in', '[photo]', 'Sent it just now', 'Here you go'),
        line('out', 'Thanks. We will send a replacement part at no charge; it ships {day}.', 'We will swap it. Delivery team can come {day}.'),
      ] },
    ],
  },
  'Bike Shop': {
    items: ['tune-up', 'bike fitting', 'flat repair', 'wheel true', 'e-bike service', 'brake bleed', 'chain replacement', 'kids bike'],
    scripts: [
      { topic: 'service ready', lines: [
        line('out', 'Hi {first}, your bike is ready! The {item} came to {amount}.', 'Hey {first}, {agent} here. Finished the {item}, you can grab it any time.'),
        line('in', 'Sweet, coming by after work', 'Did you check the rear derailleur too?', 'Thanks! Open till when?'),
        line('out', 'We adjusted it, shifts smooth now.', 'Open until 7 tonight.'),
      ] },
      { topic: 'stock question', lines: [
        line('in', 'Do you have 700x28 tubes in stock?', 'Any medium gravel bikes in stock right now?', 'Do you carry tubeless sealant?'),
        line('out', 'We do! Want me to hold some at the counter?', 'We have two in stock. Want to come test ride one {day}?'),
        line('in', 'Yes please hold them', '{day} around {time}?', 'I will swing by later'),
      ] },
    ],
  },
  Salon: {
    items: ['haircut and color', 'blowout', 'balayage', 'beard trim', 'keratin treatment', 'gel manicure', 'highlights'],
    scripts: [
      { topic: 'booking', lines: [
        line('in', 'Does Jess have any openings {day}?', 'Can I book a {item} this week?', 'Hi! Looking for a cut and color, any time {day}?'),
        line('out', 'Hi {first}! She has {time} or {time2}. Which would you like?', 'We can do {day} at {time} for the {item}.'),
        line('in', '{time2} please', 'The earlier one', 'Perfect, book it'),
        line('out', 'You are booked! Reply C to confirm.', 'See you {day}! Please arrive 5 minutes early.'),
        line('in', 'C', 'Confirmed, thanks'),
      ] },
      { topic: 'running late', lines: [
        line('in', 'Running about 10 minutes late, sorry!', 'Stuck in traffic, be there in 15', 'Is it ok if I am a little late?'),
        line('out', 'No worries, drive safe!', 'Thanks for letting us know, see you soon.'),
      ] },
    ],
  },
}

/**
 * How people wrap a text: a customer now and then opens with a greeting or ends with thanks; a team member now and
 * then signs. Put around a script line, they make the same line read differently from one conversation to the next.
 */
export const CUSTOMER_OPENERS: readonly string[] = ['Hi {agent}, ', 'Hey {agent}! ', 'Hello, ', 'Hi there, ', 'Good morning! ', 'Hey, ', 'Sorry to bother you, ', 'Quick one: ', 'Hi, it is {first}. ', 'Hello again, ']
export const CUSTOMER_CLOSERS: readonly string[] = [' Thanks!', ' Thank you', ' 🙏', ' 🙂', ' Thanks in advance.', ' Appreciate it!', ' Let me know', ' thx', ' Thanks {agent}!', ' - {first}']
export const TEAM_SIGNATURES: readonly string[] = [' - {agent}', ' -{agent} at {team}', ' 🙂', ' Thanks, {first}!', ' Have a great {day}!', ' Thanks!']
